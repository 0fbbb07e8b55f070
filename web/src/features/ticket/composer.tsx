// The composer: a public reply or an internal note in rich text (the editor loads on demand), with
// Cc/Bcc, the signature, attachments by picking, dragging or pasting (sent as multipart), images
// inline, and "send and set a status" in one step. The draft is kept per ticket in localStorage.
import {
  Alert,
  Box,
  Button,
  CloseButton,
  Group,
  Kbd,
  Menu,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type DragEvent,
  lazy,
  type ReactElement,
  type Ref,
  Suspense,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useGroups, usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import { ComposerMacroButton } from '../macros/index.ts';
import { RecipientsInput, recipientsProblem } from './recipients-input.tsx';
import type { RichEditorHandle } from './rich-editor.tsx';
import { SignatureDialog } from './signature-dialog.tsx';
import { attachmentUrl, useDepartments } from './ticket-data.ts';
import { storeTicket, useTicketEdit } from './ticket-edit.tsx';

const loadEditor = () => import('./rich-editor.tsx');
const RichEditor = lazy(loadEditor);

export type MessageKind = 'reply' | 'note';

export interface ComposerHandle {
  focus(kind: MessageKind): void;
}

interface Draft {
  kind: MessageKind;
  /** The editor's HTML ('' when empty); sanitized by the server when sent. */
  html: string;
  /** Its plain text, to tell an empty draft from a written one. */
  text: string;
  cc: string[];
  bcc: string[];
  showCopies: boolean;
}

const EMPTY: Draft = { kind: 'reply', html: '', text: '', cc: [], bcc: [], showCopies: false };

export const draftKey = (ticketId: string): string => `caseway.draft.${ticketId}`;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function loadDraft(ticketId: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(ticketId));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Draft> & { body?: unknown };
      // Drafts written before the rich editor kept plain text only.
      const legacy = typeof parsed.body === 'string' ? parsed.body : '';
      const html =
        typeof parsed.html === 'string'
          ? parsed.html
          : legacy
            ? legacy
                .split(/\n{2,}/)
                .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
                .join('')
            : '';
      const cc = strings(parsed.cc);
      const bcc = strings(parsed.bcc);
      return {
        kind: parsed.kind === 'note' ? 'note' : 'reply',
        html,
        text: typeof parsed.text === 'string' ? parsed.text : legacy,
        cc,
        bcc,
        showCopies: Boolean(parsed.showCopies) || cc.length > 0 || bcc.length > 0,
      };
    }
  } catch {
    // A damaged draft is dropped.
  }
  return null;
}

function storeDraft(ticketId: string, draft: Draft, written: boolean): void {
  try {
    if (written || draft.cc.length || draft.bcc.length)
      localStorage.setItem(draftKey(ticketId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(ticketId));
  } catch {
    // Storage full or disabled: the draft lives only in this page.
  }
}

const squash = (s: string) => s.replace(/\s+/g, '');
const textOf = (html: string) =>
  html ? (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '') : '';

/** The signature a public reply opens with: the agent's, then the ticket's department's. */
function useSignature(ticket: Ticket): string {
  const { agent } = useSession();
  const groups = useGroups().data;
  const departments = useDepartments().data;
  const departmentId =
    ticket.departmentId ?? groups?.find((g) => g.id === ticket.ownerGroupId)?.departmentId ?? null;
  const department = departments?.find((d) => d.id === departmentId);
  const parts = [agent?.signature, department?.signature].filter((s): s is string => Boolean(s?.trim()));
  return parts.length ? `<p></p>${parts.join('')}` : '';
}

export function Composer({ ticket, ref }: { ticket: Ticket; ref?: Ref<ComposerHandle> }): ReactElement {
  const { t } = useTranslation('ticket');
  const { t: tc } = useTranslation('composer');
  const format = useFormat();
  const queryClient = useQueryClient();
  const { markOwnVersion } = useTicketEdit();
  const ticketId = ticket.id;
  const signature = useSignature(ticket);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticketId) ?? EMPTY);
  const [files, setFiles] = useState<Array<{ id: number; file: File }>>([]);
  const [uploads, setUploads] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const nextFileId = useRef(0);
  const [dragging, setDragging] = useState(false);
  const [editingSignature, setEditingSignature] = useState(false);
  const editor = useRef<RichEditorHandle | null>(null);
  // "r" or "n" pressed while the editor still loads: it takes the focus once it is there.
  const focusWhenReady = useRef(false);
  const editorRef = useCallback((handle: RichEditorHandle | null) => {
    editor.current = handle;
    if (handle && focusWhenReady.current) {
      focusWhenReady.current = false;
      requestAnimationFrame(() => handle.focus());
    }
  }, []);
  useEffect(() => {
    void loadEditor();
  }, []);
  const fileInput = useRef<HTMLInputElement>(null);
  const statuses = (usePicklists().data?.status ?? []).filter(
    (s) => s.active && s.category !== 'new' && s.key !== ticket.status,
  );
  const statusLabel = usePicklistLabel();

  // A draft holding nothing but the signature (the current one, or the one it replaces) is not a draft.
  const inserted = useRef('');
  const text = squash(draft.text);
  const written =
    text !== '' && text !== squash(textOf(signature)) && text !== squash(textOf(inserted.current));
  const imageCount = (draft.html.match(/<img\s/g) ?? []).length;
  const hasContent = written || imageCount > 0;

  useEffect(() => storeDraft(ticketId, draft, hasContent), [ticketId, draft, hasContent]);

  // A public reply opens with the signature (once it is known), a note without it.
  const wantSignature = draft.kind === 'reply' ? signature : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the kind and the signature decide; the draft is read as it is then
  useEffect(() => {
    if (hasContent) return;
    const next = draft.kind === 'reply' ? signature : '';
    inserted.current = next;
    if (draft.html === next) return;
    setDraft((d) => ({ ...d, html: next, text: textOf(next) }));
    editor.current?.setHtml(next);
  }, [wantSignature]);

  useImperativeHandle(ref, () => ({
    focus(kind) {
      setDraft((d) => ({ ...d, kind }));
      if (editor.current) editor.current.focus();
      else focusWhenReady.current = true;
    },
  }));

  const uploadImage = async (file: File): Promise<string> => {
    setUploads((n) => n + 1);
    setUploadError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const image = unwrap(
        await api.POST('/api/v1/tickets/{id}/attachments', {
          params: { path: { id: ticketId } },
          body: {} as never,
          bodySerializer: () => form,
        }),
      );
      return attachmentUrl(ticketId, image.id);
    } catch (err) {
      setUploadError(tc('uploadFailed', { message: err instanceof Error ? err.message : String(err) }));
      throw err;
    } finally {
      setUploads((n) => n - 1);
    }
  };

  const send = useMutation({
    mutationFn: async (status: string | undefined) => {
      const params = { path: { id: ticketId } };
      const isReply = draft.kind === 'reply';
      const body = {
        kind: draft.kind,
        bodyHtml: draft.html,
        ...(isReply && draft.cc.length ? { cc: draft.cc } : {}),
        ...(isReply && draft.bcc.length ? { bcc: draft.bcc } : {}),
        ...(status ? { status } : {}),
      };
      if (!files.length) return unwrap(await api.POST('/api/v1/tickets/{id}/messages', { params, body }));
      const form = new FormData();
      form.append('kind', body.kind);
      form.append('bodyHtml', body.bodyHtml);
      for (const a of body.cc ?? []) form.append('cc', a);
      for (const a of body.bcc ?? []) form.append('bcc', a);
      if (status) form.append('status', status);
      for (const { file } of files) form.append('files', file, file.name);
      return unwrap(
        await api.POST('/api/v1/tickets/{id}/messages', { params, body, bodySerializer: () => form }),
      );
    },
    onSuccess: (result) => {
      markOwnVersion(result.ticket.version - 1, result.ticket.version);
      storeTicket(queryClient, result.ticket);
      const fresh = draft.kind === 'reply' ? signature : '';
      inserted.current = fresh;
      setDraft((d) => ({ ...EMPTY, kind: d.kind, html: fresh, text: textOf(fresh) }));
      editor.current?.setHtml(fresh);
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId, 'timeline'] });
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId, 'history'] });
    },
  });

  const error = send.error;
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  const bodyError = fieldError('body') ?? fieldError('bodyHtml');
  const filesError = fieldError('attachments');
  const serverCcError =
    error instanceof ApiError
      ? error.problem.errors?.find((e) => /^(body\/)?cc\b/.test(e.field))?.message
      : undefined;
  const serverBccError =
    error instanceof ApiError
      ? error.problem.errors?.find((e) => /^(body\/)?bcc\b/.test(e.field))?.message
      : undefined;
  const generalError =
    error && !bodyError && !filesError && !serverCcError && !serverBccError
      ? error instanceof ApiError
        ? error.message
        : t('error')
      : undefined;
  const isNote = draft.kind === 'note';
  const copiesInvalid =
    !isNote && Boolean(recipientsProblem(tc, draft.cc) ?? recipientsProblem(tc, draft.bcc));
  const canSend =
    (hasContent || files.length > 0) &&
    !send.isPending &&
    uploads === 0 &&
    !copiesInvalid &&
    !ticket.mergedIntoId;
  const submit = (status?: string) => {
    if (canSend) send.mutate(status);
  };

  const addFiles = (list: FileList | File[] | null) => {
    const added = Array.from(list ?? []);
    if (added.length) {
      setFiles((old) => [...old, ...added.map((file) => ({ id: nextFileId.current++, file }))]);
      send.reset();
    }
  };
  const onDrop = (e: DragEvent) => {
    setDragging(false);
    // Dropped into the text, the editor has taken them (images inline, other files attached).
    if (e.defaultPrevented) return;
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  };
  const sendLabel = isNote ? t('composer.addNote') : t('composer.sendReply');

  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label={t('composer.title')}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-dragging={dragging || undefined}
      style={{
        background: isNote ? 'var(--mantine-color-yellow-0)' : undefined,
        borderColor: dragging
          ? 'var(--mantine-color-indigo-6)'
          : isNote
            ? 'var(--mantine-color-yellow-6)'
            : undefined,
        borderStyle: dragging ? 'dashed' : undefined,
      }}
    >
      <Group justify="space-between" mb={6}>
        <SegmentedControl
          size="xs"
          value={draft.kind}
          onChange={(v) => setDraft((d) => ({ ...d, kind: v === 'note' ? 'note' : 'reply' }))}
          data={[
            { value: 'reply', label: t('composer.reply') },
            { value: 'note', label: t('composer.note') },
          ]}
          aria-label={t('composer.kind')}
        />
        <Group gap="xs">
          {hasContent && (
            <Text size="xs" c="gray.7" role="status">
              {t('composer.draftKept')}
            </Text>
          )}
          {!isNote && (
            <Button size="compact-xs" variant="subtle" onClick={() => setEditingSignature(true)}>
              {tc('signature')}
            </Button>
          )}
          {!isNote && (
            <Button
              size="compact-xs"
              variant={draft.showCopies ? 'light' : 'subtle'}
              aria-expanded={draft.showCopies}
              onClick={() => setDraft((d) => ({ ...d, showCopies: !d.showCopies }))}
            >
              {tc('copiesToggle')}
            </Button>
          )}
        </Group>
      </Group>
      {!isNote && draft.showCopies && (
        <Stack gap={4} mb={6}>
          <RecipientsInput
            label={tc('cc')}
            value={draft.cc}
            onChange={(cc) => setDraft((d) => ({ ...d, cc }))}
            serverError={serverCcError}
          />
          <RecipientsInput
            label={tc('bcc')}
            value={draft.bcc}
            onChange={(bcc) => setDraft((d) => ({ ...d, bcc }))}
            serverError={serverBccError}
          />
        </Stack>
      )}
      <Text size="sm" fw={500} mb={2} aria-hidden>
        {isNote ? t('composer.noteLabel') : t('composer.replyLabel')}
      </Text>
      <Suspense
        fallback={
          <Text size="sm" c="gray.7" p="xs" role="status">
            {tc('loadingEditor')}
          </Text>
        }
      >
        <RichEditor
          ref={editorRef}
          html={draft.html}
          label={isNote ? t('composer.noteLabel') : t('composer.replyLabel')}
          disabled={Boolean(ticket.mergedIntoId)}
          invalid={Boolean(bodyError)}
          onChange={(html, text) => setDraft((d) => ({ ...d, html, text }))}
          onSubmit={() => submit()}
          uploadImage={uploadImage}
          onFiles={addFiles}
        />
      </Suspense>
      {bodyError && (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {bodyError}
        </Text>
      )}
      {uploads > 0 && (
        <Text size="xs" c="gray.7" role="status" mt={4}>
          {tc('uploading')}
        </Text>
      )}
      {uploadError && (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {uploadError}
        </Text>
      )}
      {files.length > 0 && (
        <Box component="ul" aria-label={t('composer.files')} p={0} m={0} mt={6} style={{ listStyle: 'none' }}>
          {files.map(({ id, file: f }) => (
            <Group component="li" key={id} gap={4}>
              <Text size="xs">{f.name}</Text>
              <Text size="xs" c="gray.7">
                ({format.bytes(f.size)})
              </Text>
              <CloseButton
                size="xs"
                aria-label={t('composer.removeFile', { name: f.name })}
                onClick={() => setFiles((old) => old.filter((x) => x.id !== id))}
              />
            </Group>
          ))}
        </Box>
      )}
      {filesError && (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {t('composer.filesError', { message: filesError })}
        </Text>
      )}
      {generalError && (
        <Alert
          color="red"
          variant="light"
          p="xs"
          mt={6}
          role="alert"
          styles={{ message: { color: 'var(--mantine-color-red-9)' } }}
        >
          {generalError}
        </Alert>
      )}
      <SignatureDialog opened={editingSignature} onClose={() => setEditingSignature(false)} />
      <Group justify="space-between" mt={8}>
        <Group gap="xs">
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label={t('composer.attach')}
            onChange={(e) => {
              addFiles(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
          <Button variant="default" size="xs" onClick={() => fileInput.current?.click()}>
            {t('composer.attach')}
          </Button>
          <ComposerMacroButton />
          <Text size="xs" c="gray.7">
            {t('composer.dropHint')}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="gray.7" aria-hidden>
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
          <SendButton
            label={sendLabel}
            menuLabel={tc('moreSend')}
            color={isNote ? 'yellow.4' : undefined}
            loading={send.isPending}
            disabled={!canSend}
            onSend={() => submit()}
            options={statuses.map((s) => ({
              key: s.key,
              label: tc(isNote ? 'noteAndSet' : 'sendAndSet', { status: statusLabel('status', s.key) }),
            }))}
            onSendWith={(status) => submit(status)}
          />
        </Group>
      </Group>
    </Paper>
  );
}

/** "Send" with a menu beside it: send and set a status in the same step. */
function SendButton({
  label,
  menuLabel,
  color,
  loading,
  disabled,
  onSend,
  options,
  onSendWith,
}: {
  label: string;
  menuLabel: string;
  color: string | undefined;
  loading: boolean;
  disabled: boolean;
  onSend(): void;
  options: Array<{ key: string; label: string }>;
  onSendWith(status: string): void;
}): ReactElement {
  return (
    <Group gap={0} wrap="nowrap">
      <Button
        onClick={onSend}
        loading={loading}
        disabled={disabled}
        color={color}
        autoContrast
        style={options.length ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
      >
        {label}
      </Button>
      {options.length > 0 && (
        <Menu position="top-end" withinPortal>
          <Menu.Target>
            <Button
              color={color}
              autoContrast
              disabled={disabled || loading}
              aria-label={menuLabel}
              px={8}
              style={{
                borderTopLeftRadius: 0,
                borderBottomLeftRadius: 0,
                borderLeft: '1px solid var(--mantine-color-white)',
              }}
            >
              <span aria-hidden>▾</span>
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {options.map((o) => (
              <Menu.Item key={o.key} onClick={() => onSendWith(o.key)}>
                {o.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
