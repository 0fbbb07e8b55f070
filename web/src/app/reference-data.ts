// Picklists, groups and agents change rarely: loaded once and shared by every screen.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type PicklistValue, unwrap } from './api-client.ts';

export function usePicklists() {
  return useQuery({
    queryKey: ['picklists'],
    queryFn: async () => unwrap(await api.GET('/api/v1/picklists')),
    staleTime: 5 * 60_000,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: ['agents'],
    queryFn: async () => unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 500 } } })).items,
    staleTime: 5 * 60_000,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['groups'],
    queryFn: async () => unwrap(await api.GET('/api/v1/groups')).items,
    staleTime: 5 * 60_000,
  });
}

/** The label of a picklist key in the agent's language (falls back to English, then the key). */
export function usePicklistLabel() {
  const { i18n } = useTranslation();
  const lists = usePicklists().data;
  return (picklist: string, key: string | null | undefined): string => {
    // Nothing while the lists load (a key is not a word to show); the key for a value since removed.
    if (!key || !lists) return '';
    const value = lists[picklist]?.find((v: PicklistValue) => v.key === key);
    const labels = (value?.labels ?? {}) as Record<string, string | undefined>;
    return labels[i18n.language] ?? labels.en ?? key;
  };
}
