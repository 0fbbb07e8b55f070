// One inline-editable field: what it shows, its draft, its save, its error and its conflict.
// Text-like fields keep a draft (saved on Enter or when leaving the field, Escape reverts) that
// remembers the version it was started on; pickers save as soon as a value is picked.
import { Alert, Button, Group, Text } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-client.ts';
import { useFieldAccess } from '../../app/my-access.ts';
import type { TicketPatch } from './ticket-data.ts';
import { useTicketEdit } from './ticket-edit.tsx';

export interface FieldEditorOptions<T> {
  /** Path of the field in errors and history: `status`, `custom.caseType`. */
  field: string;
  read: (ticket: Ticket) => T;
  toPatch: (value: T) => TicketPatch;
  equals?: (a: T, b: T) => boolean;
  /** A message when the value cannot be sent at all (e.g. not a number). */
  validate?: (value: T) => string | null;
  via?: 'patch' | 'assign';
  /** Called after a save went through. */
  onSaved?: () => void;
}

interface Draft<T> {
  value: T;
  baseVersion: number;
  baseValue: T;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface FieldEditor<T> {
  /** The agent's profile makes the field read-only (or a preview is on): shown, not editable. */
  locked: boolean;
  shown: T;
  dirty: boolean;
  saving: boolean;
  error: string | undefined;
  conflict: { mine: T; theirs: T } | null;
  /** The value someone else saved while this field had an unsaved draft. */
  changedMeanwhile: { value: T } | null;
  /** Local typing (text-like fields). */
  change(value: T): void;
  /** Saves the draft (Enter, leaving the field); true when nothing is left unsaved. */
  commit(): Promise<boolean>;
  /** Picks and saves at once (pickers). */
  set(value: T): Promise<boolean>;
  revert(): void;
  /** Saves the refused value again on the current version. */
  reapply(): Promise<boolean>;
  keepTheirs(): void;
}

export function useFieldEditor<T>(options: FieldEditorOptions<T>): FieldEditor<T> {
  const { ticket, save, fieldErrors } = useTicketEdit();
  const locked = useFieldAccess()(options.field) !== 'editable';
  const equals = options.equals ?? sameJson;
  const server = options.read(ticket);
  const [draft, setDraft] = useState<Draft<T> | null>(null);
  const [pending, setPending] = useState<{ value: T } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ mine: T; theirs: T } | null>(null);
  const failed = useRef<{ value: T } | null>(null);

  const submit = async (value: T, baseVersion: number): Promise<boolean> => {
    const invalid = options.validate?.(value);
    if (invalid) {
      setError(invalid);
      failed.current = { value };
      setPending(null);
      return false;
    }
    setSaving(true);
    setError(null);
    const result = await save({ patch: options.toPatch(value), baseVersion, via: options.via ?? 'patch' });
    setSaving(false);
    setPending(null);
    if (result.ok) {
      setDraft(null);
      setConflict(null);
      failed.current = null;
      options.onSaved?.();
      return true;
    }
    if (result.conflict) {
      setConflict({ mine: value, theirs: options.read(result.conflict) });
      return false;
    }
    failed.current = { value };
    setError(result.errors[options.field] ?? result.message);
    return false;
  };

  const reapply = async (): Promise<boolean> => {
    if (!conflict) return false;
    const mine = conflict.mine;
    setConflict(null);
    if (draft) setDraft({ value: mine, baseVersion: ticket.version, baseValue: server });
    else setPending({ value: mine });
    return submit(mine, ticket.version);
  };

  return {
    locked,
    shown: draft ? draft.value : pending ? pending.value : server,
    dirty: draft !== null,
    saving,
    error: error ?? fieldErrors[options.field],
    conflict,
    changedMeanwhile:
      draft && !conflict && !equals(server, draft.baseValue) && !equals(server, draft.value)
        ? { value: server }
        : null,
    change(value) {
      setError(null);
      setDraft((d) => (d ? { ...d, value } : { value, baseVersion: ticket.version, baseValue: server }));
    },
    async commit() {
      if (!draft) return true;
      if (saving) return false;
      if (conflict) return reapply();
      if (equals(draft.value, draft.baseValue)) {
        setDraft(null);
        return true;
      }
      if (failed.current && equals(failed.current.value, draft.value)) return false;
      return submit(draft.value, draft.baseVersion);
    },
    async set(value) {
      if (equals(value, server) && !conflict) return true;
      setConflict(null);
      setPending({ value });
      return submit(value, ticket.version);
    },
    revert() {
      setDraft(null);
      setPending(null);
      setError(null);
      setConflict(null);
      failed.current = null;
    },
    reapply,
    keepTheirs() {
      setConflict(null);
      setDraft(null);
      setPending(null);
      setError(null);
      failed.current = null;
    },
  };
}

/** What shows under a field: someone else's change while editing, or a refused save. */
export function FieldNotices<T>({
  editor,
  display,
}: {
  editor: FieldEditor<T>;
  display: (value: T) => ReactNode;
}): ReactNode {
  const { t } = useTranslation('ticket');
  if (editor.conflict) {
    return (
      <Alert
        color="orange"
        variant="light"
        p="xs"
        role="alert"
        title={t('conflict.title')}
        mt={4}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
      >
        <Text size="xs">{t('conflict.explain')}</Text>
        <Text size="xs" mt={4}>
          <b>{t('conflict.now')}</b> {display(editor.conflict.theirs)}
        </Text>
        <Text size="xs">
          <b>{t('conflict.yours')}</b> {display(editor.conflict.mine)}
        </Text>
        <Group gap="xs" mt={6}>
          <Button size="compact-xs" onClick={() => void editor.reapply()} loading={editor.saving}>
            {t('conflict.reapply')}
          </Button>
          <Button size="compact-xs" variant="default" onClick={editor.keepTheirs}>
            {t('conflict.keep')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (editor.changedMeanwhile) {
    return (
      <Text size="xs" c="gray.9" role="status" mt={2}>
        <span aria-hidden>⚠ </span>
        {t('conflict.meanwhile')} {display(editor.changedMeanwhile.value)}
      </Text>
    );
  }
  return null;
}

export const emptyText = '—';
