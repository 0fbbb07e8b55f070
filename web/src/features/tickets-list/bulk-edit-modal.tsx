// Bulk edit (lazy chunk): owner, group, status, priority and tags of the selected tickets in one
// request per 500, then one line per ticket saying what happened to it.
import {
  Alert,
  Button,
  Group,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
} from '@mantine/core';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { useOwnerOptions } from '../../app/owner-options.ts';
import { useGroups, usePicklistLabel, usePicklists } from '../../app/reference-data.ts';

type BulkChanges =
  paths['/api/v1/tickets/bulk']['post']['requestBody']['content']['application/json']['changes'];
type BulkResult =
  paths['/api/v1/tickets/bulk']['post']['responses']['200']['content']['application/json']['results'][number];

const NOBODY = '__nobody__';
const BATCH = 500;

export interface BulkEditModalProps {
  tickets: Array<Pick<Ticket, 'id' | 'number' | 'subject'>>;
  /** Changes to apply at once (e.g. "assign to me"), skipping the form. */
  preset?: BulkChanges;
  onClose: (succeeded: string[]) => void;
}

export function BulkEditModal({ tickets, preset, onClose }: BulkEditModalProps): ReactElement {
  const { t } = useTranslation('ticketsList');
  const groups = useGroups().data ?? [];
  const picklists = usePicklists().data;
  const label = usePicklistLabel();
  const [owner, setOwner] = useState<string | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [addTags, setAddTags] = useState<string[]>([]);
  const [removeTags, setRemoveTags] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const changes: BulkChanges = {
    ...(owner ? { ownerAgentId: owner === NOBODY ? null : owner } : {}),
    ...(group ? { ownerGroupId: group === NOBODY ? null : group } : {}),
    ...(status ? { status } : {}),
    ...(priority ? { priority } : {}),
    ...(addTags.length ? { addTags } : {}),
    ...(removeTags.length ? { removeTags } : {}),
  };
  const hasChanges = Object.keys(changes).length > 0;

  const apply = async (what: BulkChanges) => {
    setRunning(true);
    setFailure(null);
    const all: BulkResult[] = [];
    try {
      for (let i = 0; i < tickets.length; i += BATCH) {
        const ids = tickets.slice(i, i + BATCH).map((x) => x.id);
        all.push(...unwrap(await api.POST('/api/v1/tickets/bulk', { body: { ids, changes: what } })).results);
      }
      setResults(all);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : t('bulk.failed'));
      if (all.length) setResults(all);
    } finally {
      setRunning(false);
    }
  };

  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a preset runs once, when the dialog opens.
  useEffect(() => {
    if (!preset || started.current) return;
    started.current = true;
    void apply(preset);
  }, []);

  const succeeded = (results ?? []).filter((r) => r.ok).map((r) => r.id);
  const close = () => onClose(succeeded);
  const byId = new Map(tickets.map((x) => [x.id, x]));
  const failed = (results?.length ?? 0) - succeeded.length;
  const none = { value: NOBODY, label: t('bulk.nobody') };
  const ownerOptions = useOwnerOptions({ groupIds: [group === NOBODY ? null : group] });

  return (
    <Modal opened onClose={close} title={t('bulk.title', { count: tickets.length })} size="lg">
      {results === null ? (
        <Stack gap="xs">
          {preset ? (
            <Text size="sm">{t('bulk.working')}</Text>
          ) : (
            <>
              <Text size="sm" c="gray.7">
                {t('bulk.hint')}
              </Text>
              <Select
                label={t('field.ownerAgentId')}
                placeholder={t('bulk.noChange')}
                clearable
                searchable
                data={[none, ...ownerOptions]}
                value={owner}
                onChange={setOwner}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('field.ownerGroupId')}
                placeholder={t('bulk.noChange')}
                clearable
                searchable
                data={[none, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
                value={group}
                onChange={setGroup}
              />
              <Group grow>
                <Select
                  label={t('field.status')}
                  placeholder={t('bulk.noChange')}
                  clearable
                  data={(picklists?.status ?? [])
                    .filter((v) => v.active)
                    .map((v) => ({ value: v.key, label: label('status', v.key) }))}
                  value={status}
                  onChange={setStatus}
                />
                <Select
                  label={t('field.priority')}
                  placeholder={t('bulk.noChange')}
                  clearable
                  data={(picklists?.priority ?? [])
                    .filter((v) => v.active)
                    .map((v) => ({ value: v.key, label: label('priority', v.key) }))}
                  value={priority}
                  onChange={setPriority}
                />
              </Group>
              <Group grow>
                <TagsInput size="xs" label={t('bulk.addTags')} value={addTags} onChange={setAddTags} />
                <TagsInput
                  size="xs"
                  label={t('bulk.removeTags')}
                  value={removeTags}
                  onChange={setRemoveTags}
                />
              </Group>
            </>
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('action.cancel')}
            </Button>
            {!preset && (
              <Button onClick={() => void apply(changes)} disabled={!hasChanges} loading={running}>
                {t('bulk.apply', { count: tickets.length })}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Text size="sm" role="status" fw={600}>
            {t('bulk.summary', { ok: succeeded.length, failed })}
          </Text>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <ScrollArea.Autosize mah={360}>
            <Table verticalSpacing={4} fz="sm" aria-label={t('bulk.results')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>{t('field.number')}</Table.Th>
                  <Table.Th>{t('field.subject')}</Table.Th>
                  <Table.Th w={220}>{t('bulk.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((r) => {
                  const ticket = byId.get(r.id);
                  return (
                    <Table.Tr key={r.id} data-result={r.ok ? 'ok' : 'failed'}>
                      <Table.Td ff="monospace">{r.ticket?.number ?? ticket?.number}</Table.Td>
                      <Table.Td
                        style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                      >
                        {r.ticket?.subject ?? ticket?.subject}
                      </Table.Td>
                      <Table.Td>
                        {r.ok ? (
                          <Text span size="sm" c="green">
                            ✓ {t('bulk.updated')}
                          </Text>
                        ) : (
                          <Text span size="sm" c="red">
                            ✕ {r.error ?? t('bulk.failed')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>
              {t('action.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
