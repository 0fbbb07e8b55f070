// What the account screens read and change: your profile, API tokens and sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type ApiToken =
  paths['/api/v1/me/tokens']['get']['responses']['200']['content']['application/json']['items'][number];
export type AgentSession =
  paths['/api/v1/me/sessions']['get']['responses']['200']['content']['application/json']['items'][number];
export type ProfileChange = NonNullable<
  paths['/api/v1/me']['patch']['requestBody']
>['content']['application/json'];

export function useProfile() {
  return useQuery({
    queryKey: ['me', 'profile'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
  });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: ProfileChange) => unwrap(await api.PATCH('/api/v1/me', { body: change })),
    onSuccess: (agent) => {
      // The session's agent drives the language and time zone of every screen.
      queryClient.setQueryData(['me'], agent);
      void queryClient.invalidateQueries({ queryKey: ['me', 'profile'] });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) =>
      unwrap(await api.POST('/api/v1/me/password', { body })),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['me', 'tokens'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/tokens')).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; expiresAt?: string }) =>
      unwrap(await api.POST('/api/v1/me/tokens', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: ['me', 'sessions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/sessions')).items,
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
}

export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/sessions/sign-out-others', { body: {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
}
