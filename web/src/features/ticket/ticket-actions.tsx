// Operations on a whole ticket (T4): duplicate, split a message off, merge into another ticket,
// void, restore and delete — each behind a clear confirmation where it cannot be undone lightly.
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import { usePicklistLabel } from '../../app/reference-data.ts';
import type { TicketMessage } from './ticket-data.ts';
import { storeTicket } from './ticket-edit.tsx';

export type TicketDialog = 'merge' | 'void' | 'delete' | null;

function errorText(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

function ErrorAlert({ error }: { error: unknown }): ReactElement | null {
  const { t } = useTranslation('ticket');
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      role="alert"
      styles={{ message: { color: 'var(--mantine-color-red-9)' } }}
    >
      {errorText(error, t('error'))}
    </Alert>
  );
}

export function useDuplicateTicket(ticket: Ticket) {
  const { t } = useTranslation('ticket');
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/duplicate', { params: { path: { id: ticket.id } }, body: {} }),
      ),
    onSuccess: (copy) => {
      notifications.show({ message: t('actions.duplicated', { number: copy.number }) });
      void navigate({ to: '/tickets/$ticketId', params: { ticketId: copy.id } });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorText(err, t('error')) }),
  });
}

export function MergeDialog({
  ticket,
  opened,
  onClose,
}: {
  ticket: Ticket;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('ticket');
  const label = usePicklistLabel();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [targetId, setTargetId] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['ticket', ticket.id, 'merge-search', debounced],
    enabled: opened && debounced.length > 0,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/search', { params: { query: { q: debounced, types: 'tickets', limit: 10 } } }),
      ).tickets,
  });
  const candidates = (results.data ?? []).filter((c) => c.id !== ticket.id && !c.mergedIntoId);
  const target = candidates.find((c) => c.id === targetId);
  const merge = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/merge', {
          params: { path: { id: ticket.id } },
          body: { targetId: id },
        }),
      ),
    onSuccess: (result) => {
      notifications.show({
        message: t('actions.merged', { source: result.source.number, target: result.target.number }),
      });
      onClose();
      void navigate({ to: '/tickets/$ticketId', params: { ticketId: result.target.id } });
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('actions.mergeTitle', { number: ticket.number })}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm">{t('actions.mergeExplain')}</Text>
        <TextInput
          label={t('actions.mergeSearch')}
          placeholder={t('actions.mergeSearchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setTargetId(null);
          }}
          data-autofocus
          rightSection={results.isFetching ? <Loader size={12} aria-hidden /> : undefined}
        />
        {debounced && results.isSuccess && candidates.length === 0 && (
          <Text size="sm" c="gray.7">
            {t('actions.mergeNone')}
          </Text>
        )}
        {candidates.length > 0 && (
          <Radio.Group value={targetId} onChange={setTargetId} label={t('actions.mergeTarget')}>
            <Stack gap={6} mt={4}>
              {candidates.map((c) => (
                <Radio
                  key={c.id}
                  value={c.id}
                  label={`${c.number} · ${c.subject}`}
                  description={label('status', c.status)}
                  styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <ErrorAlert error={merge.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            disabled={!target}
            loading={merge.isPending}
            onClick={() => target && merge.mutate(target.id)}
          >
            {target
              ? t('actions.mergeConfirm', { source: ticket.number, target: target.number })
              : t('actions.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function VoidDialog({
  ticket,
  opened,
  onClose,
  isAdmin,
}: {
  ticket: Ticket;
  opened: boolean;
  onClose: () => void;
  isAdmin: boolean;
}) {
  const { t } = useTranslation('ticket');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const voidTicket = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/void', {
          params: { path: { id: ticket.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: (voided) => {
      notifications.show({ message: t('actions.voided', { number: voided.number }) });
      onClose();
      if (isAdmin) {
        storeTicket(queryClient, voided);
        void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      } else {
        void navigate({ to: '/', search: {} });
      }
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('actions.voidTitle', { number: ticket.number })}>
      <Stack gap="sm">
        <Text size="sm">{t('actions.voidExplain')}</Text>
        <Textarea
          label={t('actions.voidReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
        />
        <ErrorAlert error={voidTicket.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red.9" loading={voidTicket.isPending} onClick={() => voidTicket.mutate()}>
            {t('actions.void')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function useRestoreTicket(ticket: Ticket) {
  const { t } = useTranslation('ticket');
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/restore', { params: { path: { id: ticket.id } }, body: {} }),
      ),
    onSuccess: (restored) => {
      storeTicket(queryClient, restored);
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      notifications.show({ message: t('actions.restored', { number: restored.number }) });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorText(err, t('error')) }),
  });
}

export function DeleteDialog({
  ticket,
  opened,
  onClose,
}: {
  ticket: Ticket;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('ticket');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/tickets/{id}', { params: { path: { id: ticket.id } } })),
    onSuccess: () => {
      notifications.show({ message: t('actions.deleted', { number: ticket.number }) });
      onClose();
      queryClient.removeQueries({ queryKey: ['ticket', ticket.id] });
      void navigate({ to: '/', search: {} });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('actions.deleteTitle', { number: ticket.number })}>
      <Stack gap="sm">
        <Text size="sm">{t('actions.deleteExplain')}</Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('actions.cancel')}
          </Button>
          <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('actions.deleteConfirm', { number: ticket.number })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SplitDialog({
  ticket,
  message,
  onClose,
}: {
  ticket: Ticket;
  message: TicketMessage | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('ticket');
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const firstLine =
    message?.body
      .split('\n')
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 200) ?? '';
  const split = useMutation({
    mutationFn: async (m: TicketMessage) =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/messages/{messageId}/split', {
          params: { path: { id: ticket.id, messageId: m.id } },
          body: subject.trim() ? { subject: subject.trim() } : {},
        }),
      ),
    onSuccess: (result) => {
      storeTicket(queryClient, result.original);
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      notifications.show({ message: t('actions.splitDone', { number: result.created.number }) });
      setSubject('');
      onClose();
    },
  });
  return (
    <Modal opened={message !== null} onClose={onClose} title={t('actions.splitTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('actions.splitExplain', { author: message?.authorName ?? '' })}</Text>
        <TextInput
          label={t('actions.splitSubject')}
          placeholder={firstLine || ticket.subject}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={500}
          data-autofocus
        />
        <ErrorAlert error={split.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button loading={split.isPending} onClick={() => message && split.mutate(message)}>
            {t('actions.split')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
