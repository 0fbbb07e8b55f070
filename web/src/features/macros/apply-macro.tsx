// Applying a macro: a searchable picker, the preview of one ticket's changes (from → to, the reply
// and note texts) before applying, and the per-ticket results of applying to a list selection.
import {
  Alert,
  Badge,
  Blockquote,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useAgents, useGroups, usePicklistLabel } from '../../app/reference-data.ts';
import {
  type ApplyResult,
  applyMacro,
  type Macro,
  type MacroChange,
  type TicketResult,
  useCustomFields,
  useLabelOf,
  useMacroRefresh,
  useMacros,
} from './macro-data.ts';
import { onMacroPickerRequest } from './macro-picker-request.ts';

const PICKLISTS = new Set(['status', 'priority', 'severity', 'category', 'type']);

/** A searchable list of the macros one may apply (those of another department left out). */
export function MacroPicker({
  departmentId,
  onPick,
}: {
  departmentId?: string | null;
  onPick: (macro: Macro) => void;
}): ReactElement {
  const { t } = useTranslation('macros');
  const macros = useMacros();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (macros.data ?? []).filter(
      (m) =>
        (departmentId === undefined || !m.departmentId || m.departmentId === departmentId) &&
        (!q || m.name.toLocaleLowerCase().includes(q) || m.description.toLocaleLowerCase().includes(q)),
    );
  }, [macros.data, query, departmentId]);
  return (
    <Stack gap="xs">
      <TextInput
        label={t('picker.search')}
        placeholder={t('picker.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && shown[0]) onPick(shown[0]);
        }}
        data-autofocus
      />
      {macros.isPending && <Loader size="sm" aria-label={t('picker.loading')} />}
      {macros.data && shown.length === 0 && (
        <Text size="sm" c="gray.7">
          {macros.data.length ? t('picker.noMatch') : t('picker.none')}
        </Text>
      )}
      <ScrollArea.Autosize mah={360}>
        <Stack gap={4} role="list" aria-label={t('picker.list')}>
          {shown.map((m) => (
            <UnstyledButton
              key={m.id}
              role="listitem"
              onClick={() => onPick(m)}
              data-macro={m.name}
              p="xs"
              style={{ borderRadius: 4, border: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {m.name}
                </Text>
                <Badge size="sm" variant="light" color={m.shared ? 'blue' : 'gray'} tt="none">
                  {m.shared ? t('shared') : t('personal')}
                </Badge>
              </Group>
              {m.description && (
                <Text size="xs" c="gray.7">
                  {m.description}
                </Text>
              )}
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** A value of a changed field, in words: picklist labels, names, tags. */
export function useValueText(): (field: string, value: unknown) => string {
  const { t } = useTranslation('macros');
  const picklist = usePicklistLabel();
  const agents = useAgents().data ?? [];
  const groups = useGroups().data ?? [];
  const custom = useCustomFields().data ?? [];
  const labelOf = useLabelOf();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('preview.empty');
    if (PICKLISTS.has(field)) return picklist(field, String(value));
    if (field === 'ownerAgentId') return agents.find((a) => a.id === value)?.name ?? String(value);
    if (field === 'ownerGroupId') return groups.find((g) => g.id === value)?.name ?? String(value);
    if (Array.isArray(value)) return value.length ? value.join(', ') : t('preview.empty');
    if (field.startsWith('custom.')) {
      const def = custom.find((f) => `custom.${f.key}` === field);
      const option = def?.options.find((o) => o.key === value);
      if (option) return labelOf(option.labels, option.key);
      if (typeof value === 'boolean') return t(value ? 'preview.yes' : 'preview.no');
    }
    return String(value);
  };
}

export function useFieldName(): (field: string) => string {
  const { t } = useTranslation(['macros', 'ticket']);
  const custom = useCustomFields().data ?? [];
  const labelOf = useLabelOf();
  return (field) => {
    if (field.startsWith('custom.')) {
      const def = custom.find((f) => `custom.${f.key}` === field);
      return def ? labelOf(def.labels, def.key) : field.slice('custom.'.length);
    }
    return t(`ticket:fields.${field}`, { defaultValue: field });
  };
}

/** What a macro changes (or would change) on one ticket. */
export function TicketChanges({ result }: { result: TicketResult }): ReactElement {
  const { t } = useTranslation('macros');
  const valueText = useValueText();
  const fieldName = useFieldName();
  const agents = useAgents().data ?? [];
  const changes: MacroChange[] = result.changes;
  if (!changes.length && !result.effects.length)
    return (
      <Text size="sm" c="gray.7">
        {t('preview.nothing')}
      </Text>
    );
  return (
    <Stack gap="xs">
      {changes.length > 0 && (
        <Table withTableBorder verticalSpacing={4} aria-label={t('preview.changes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('preview.field')}</Table.Th>
              <Table.Th>{t('preview.from')}</Table.Th>
              <Table.Th>{t('preview.to')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field} data-change={c.field}>
                <Table.Td>{fieldName(c.field)}</Table.Td>
                <Table.Td c="gray.7">{valueText(c.field, c.from)}</Table.Td>
                <Table.Td fw={600}>{valueText(c.field, c.to)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result.effects.map((e, i) =>
        e.type === 'team_member' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: effects are ordered, without ids
          <Text key={i} size="sm">
            {t('preview.teamMember', { name: agents.find((a) => a.id === e.agentId)?.name ?? e.agentId })}
          </Text>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: effects are ordered, without ids
          <Stack key={i} gap={2} data-effect={e.type}>
            <Text size="sm" fw={600}>
              {e.type === 'reply' ? t('preview.reply') : t('preview.note')}
            </Text>
            <Blockquote
              p="xs"
              color={e.type === 'reply' ? 'blue' : 'yellow'}
              style={{ whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-sm)' }}
            >
              {e.body}
            </Blockquote>
          </Stack>
        ),
      )}
    </Stack>
  );
}

function problemText(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

/** The reason a ticket was not changed: the localized title and the server's detail. */
export function failureText(result: TicketResult): string {
  return result.error ? `${result.error.title}: ${result.error.detail}` : '';
}

/**
 * The ticket page's "Apply macro" button: pick a macro, see what it would change, apply. Also
 * opened with `m`, with Ctrl+Shift+M while writing, and by the composer's macro button.
 */
export function ApplyMacroButton({
  ticketId,
  departmentId,
}: {
  ticketId: string;
  departmentId: string | null;
}): ReactElement | null {
  // Beside the ticket's other actions, which do not wait for this namespace.
  const { t, ready } = useTranslation('macros', { useSuspense: false });
  const queryClient = useQueryClient();
  const refreshMacros = useMacroRefresh();
  const [open, setOpen] = useState(false);
  const [macro, setMacro] = useState<Macro | null>(null);
  const [preview, setPreview] = useState<TicketResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = useCallback(() => {
    setMacro(null);
    setPreview(null);
    setProblem(null);
    setOpen(true);
  }, []);
  useEffect(() => onMacroPickerRequest(start), [start]);
  useHotkeys([['m', start]]);
  useHotkeys([['mod+shift+m', start]], [], true);

  const pick = async (m: Macro) => {
    setMacro(m);
    setPreview(null);
    setProblem(null);
    setBusy(true);
    try {
      const result = await applyMacro(m.id, [ticketId], true);
      setPreview(result.results[0] ?? null);
    } catch (err) {
      setProblem(problemText(err, t('error.preview')));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!macro) return;
    setBusy(true);
    try {
      const result = await applyMacro(macro.id, [ticketId], false);
      const one = result.results[0];
      if (one?.ok) {
        notifications.show({ message: t('applied', { name: macro.name }) });
        setOpen(false);
      } else if (one) setProblem(failureText(one));
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
      void queryClient.invalidateQueries({ queryKey: ['ticket-list'] });
      void refreshMacros();
    } catch (err) {
      setProblem(problemText(err, t('error.apply')));
    } finally {
      setBusy(false);
    }
  };

  if (!ready) return null;
  return (
    <>
      <Button variant="default" onClick={start} aria-keyshortcuts="m Control+Shift+M">
        {t('applyMacro')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={macro ? t('preview.title', { name: macro.name }) : t('picker.title')}
        size="lg"
      >
        {!macro && <MacroPicker departmentId={departmentId} onPick={(m) => void pick(m)} />}
        {macro && (
          <Stack gap="sm">
            {busy && !preview && <Loader size="sm" aria-label={t('preview.loading')} />}
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            {preview?.ok && (
              <>
                <Text size="sm" c="gray.7">
                  {t('preview.intro')}
                </Text>
                <Paper withBorder p="xs" data-testid="macro-preview">
                  <TicketChanges result={preview} />
                </Paper>
              </>
            )}
            {preview && !preview.ok && !problem && (
              <Alert color="red" role="alert">
                {failureText(preview)}
              </Alert>
            )}
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => setMacro(null)}>
                {t('picker.back')}
              </Button>
              <Group gap="xs">
                <Button variant="default" onClick={() => setOpen(false)}>
                  {t('cancel')}
                </Button>
                <Button
                  onClick={() => void apply()}
                  loading={busy && Boolean(preview)}
                  disabled={!preview?.ok}
                >
                  {t('apply')}
                </Button>
              </Group>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

export interface SelectedTicket {
  id: string;
  number: string;
  subject: string;
}

/** The list's "Apply macro" for the selected tickets: pick, apply, and each ticket's result. */
export function BulkApplyMacroModal({
  tickets,
  onClose,
}: {
  tickets: SelectedTicket[];
  /** With the tickets the macro was applied to. */
  onClose: (applied: string[]) => void;
}): ReactElement {
  const { t } = useTranslation('macros');
  const queryClient = useQueryClient();
  const refreshMacros = useMacroRefresh();
  const [macro, setMacro] = useState<Macro | null>(null);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = new Map(tickets.map((tk) => [tk.id, tk]));

  const apply = async () => {
    if (!macro) return;
    setBusy(true);
    setProblem(null);
    try {
      setResult(
        await applyMacro(
          macro.id,
          tickets.map((tk) => tk.id),
          false,
        ),
      );
      void queryClient.invalidateQueries({ queryKey: ['ticket-list'] });
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
      void refreshMacros();
    } catch (err) {
      setProblem(problemText(err, t('error.apply')));
    } finally {
      setBusy(false);
    }
  };
  const close = () => onClose(result ? result.results.filter((r) => r.ok).map((r) => r.ticketId) : []);

  return (
    <Modal
      opened
      onClose={close}
      size="lg"
      title={
        result
          ? t('bulk.resultTitle', { applied: result.applied, failed: result.failed })
          : macro
            ? t('bulk.confirmTitle', { name: macro.name })
            : t('bulk.title', { count: tickets.length })
      }
    >
      {problem && (
        <Alert color="red" role="alert" mb="sm">
          {problem}
        </Alert>
      )}
      {!macro && <MacroPicker onPick={setMacro} />}
      {macro && !result && (
        <Stack gap="sm">
          <Text size="sm">{t('bulk.confirm', { name: macro.name, count: tickets.length })}</Text>
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setMacro(null)}>
              {t('picker.back')}
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={close}>
                {t('cancel')}
              </Button>
              <Button onClick={() => void apply()} loading={busy}>
                {t('bulk.apply', { count: tickets.length })}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {result && (
        <Stack gap="sm">
          <Table verticalSpacing={4} aria-label={t('bulk.results')}>
            <Table.Tbody>
              {result.results.map((r) => {
                const tk = byId.get(r.ticketId);
                return (
                  <Table.Tr key={r.ticketId} data-result={r.ok ? 'applied' : 'failed'}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" ff="monospace">
                        {r.number ?? tk?.number ?? r.ticketId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.subject ?? tk?.subject ?? ''}</Text>
                      {!r.ok && (
                        <Text size="xs" c="red.8">
                          {failureText(r)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={r.ok ? 'teal' : 'red'} variant="light" tt="none">
                        {r.ok ? t('bulk.applied') : t('bulk.failed')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button onClick={close}>{t('bulk.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
