// Queries and small helpers the customer pages and the new-ticket form share: one cache key per
// record, so a contact loaded on one screen is there on the next.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  api,
  type Contact,
  type Organization,
  type Product,
  unwrap,
} from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type OrganizationTier = Organization['tier'];
export type ContactLanguage = Contact['language'];
export type CustomerLookup =
  paths['/api/v1/customers/lookup']['get']['responses']['200']['content']['application/json'];
export type LookupContact = CustomerLookup['contacts'][number];
export type LookupMode = CustomerLookup['mode'];

export const TIERS: readonly OrganizationTier[] = ['vip', 'high_value', 'standard'];

export const customerKeys = {
  contact: (id: string) => ['contact', id] as const,
  organization: (id: string) => ['organization', id] as const,
  product: (id: string) => ['product', id] as const,
  contacts: ['contacts'] as const,
  organizations: ['organizations'] as const,
  products: ['products'] as const,
};

export function useContact(id: string | null | undefined) {
  return useQuery({
    queryKey: customerKeys.contact(id ?? ''),
    enabled: Boolean(id),
    queryFn: async (): Promise<Contact> =>
      unwrap(await api.GET('/api/v1/contacts/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: customerKeys.organization(id ?? ''),
    enabled: Boolean(id),
    queryFn: async (): Promise<Organization> =>
      unwrap(await api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useProduct(id: string | null | undefined) {
  return useQuery({
    queryKey: customerKeys.product(id ?? ''),
    enabled: Boolean(id),
    queryFn: async (): Promise<Product> =>
      unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

/** How the administrator set customer lookup: exact (full email, phone or name) or fuzzy. */
export function useLookupMode() {
  return useQuery({
    queryKey: ['settings', 'customer-lookup'],
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/customer-lookup')).mode,
    staleTime: 5 * 60_000,
  });
}

/**
 * The server's message for one input, from a failed save. Paths come as `body/emails/0` or
 * `custom/caseType`; a field matches its own path and anything below it.
 */
export function useFieldError(error: unknown) {
  const { t } = useTranslation('customers');
  return (field: string): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    const found = error.problem.errors?.find((e) => {
      const path = e.field.replace(/^\/+/, '').replace(/^body\//, '');
      return path === field || path.startsWith(`${field}/`);
    });
    if (!found) return undefined;
    return found.message === 'is required' ? t('errors.required') : found.message;
  };
}

/** The error text for a failed request that belongs to no one field. */
export function useProblemText() {
  const { t } = useTranslation('customers');
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 404) return t('errors.notFound');
      return error.message;
    }
    return t('common.unexpectedError');
  };
}

/** Empty text becomes null, for optional server fields that reject "". */
export const orNull = (text: string): string | null => (text.trim() ? text.trim() : null);
