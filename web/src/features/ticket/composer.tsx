// The composer: a public reply or an internal note, with attachments by picking, dragging or
// pasting (sent as multipart). The draft is kept per ticket in localStorage until it is sent.
import {
  Alert,
  Box,
  Button,
  CloseButton,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type ClipboardEvent,
  type DragEvent,
  type ReactElement,
  type Ref,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { storeTicket, useTicketEdit } from './ticket-edit.tsx';

export type MessageKind = 'reply' | 'note';

export interface ComposerHandle {
  focus(kind: MessageKind): void;
}

interface Draft {
  kind: MessageKind;
  body: string;
}

export const draftKey = (ticketId: string): string => `caseway.draft.${ticketId}`;

function loadDraft(ticketId: string): Draft {
  try {
    const raw = localStorage.getItem(draftKey(ticketId));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Draft>;
      return {
        kind: parsed.kind === 'note' ? 'note' : 'reply',
        body: typeof parsed.body === 'string' ? parsed.body : '',
      };
    }
  } catch {
    // A damaged draft is dropped.
  }
  return { kind: 'reply', body: '' };
}

function storeDraft(ticketId: string, draft: Draft): void {
  try {
    if (draft.body) localStorage.setItem(draftKey(ticketId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(ticketId));
  } catch {
    // Storage full or disabled: the draft lives only in this page.
  }
}

export function Composer({ ticket, ref }: { ticket: Ticket; ref?: Ref<ComposerHandle> }): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const queryClient = useQueryClient();
  const { markOwnVersion } = useTicketEdit();
  const ticketId = ticket.id;
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticketId));
  const [files, setFiles] = useState<Array<{ id: number; file: File }>>([]);
  const nextFileId = useRef(0);
  const [dragging, setDragging] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => storeDraft(ticketId, draft), [ticketId, draft]);

  useImperativeHandle(ref, () => ({
    focus(kind) {
      setDraft((d) => ({ ...d, kind }));
      textarea.current?.focus();
    },
  }));

  const send = useMutation({
    mutationFn: async () => {
      const params = { path: { id: ticketId } };
      const body = { kind: draft.kind, body: draft.body };
      if (!files.length) return unwrap(await api.POST('/api/v1/tickets/{id}/messages', { params, body }));
      const form = new FormData();
      form.append('kind', draft.kind);
      form.append('body', draft.body);
      for (const { file } of files) form.append('files', file, file.name);
      return unwrap(
        await api.POST('/api/v1/tickets/{id}/messages', { params, body, bodySerializer: () => form }),
      );
    },
    onSuccess: (result) => {
      markOwnVersion(result.ticket.version - 1, result.ticket.version);
      storeTicket(queryClient, result.ticket);
      setDraft((d) => ({ kind: d.kind, body: '' }));
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId, 'timeline'] });
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId, 'history'] });
    },
  });

  const error = send.error;
  const bodyError = error instanceof ApiError ? error.fieldError('body') : undefined;
  const filesError = error instanceof ApiError ? error.fieldError('attachments') : undefined;
  const generalError =
    error && !bodyError && !filesError ? (error instanceof ApiError ? error.message : t('error')) : undefined;
  const canSend = (draft.body.trim() !== '' || files.length > 0) && !send.isPending && !ticket.mergedIntoId;
  const submit = () => {
    if (canSend) send.mutate();
  };

  const addFiles = (list: FileList | File[] | null) => {
    const added = Array.from(list ?? []);
    if (added.length) {
      setFiles((old) => [...old, ...added.map((file) => ({ id: nextFileId.current++, file }))]);
      send.reset();
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    addFiles(e.dataTransfer.files);
  };
  const onPaste = (e: ClipboardEvent) => {
    if (e.clipboardData.files.length) {
      e.preventDefault();
      addFiles(e.clipboardData.files);
    }
  };
  const isNote = draft.kind === 'note';

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
        {draft.body && (
          <Text size="xs" c="gray.7" role="status">
            {t('composer.draftKept')}
          </Text>
        )}
      </Group>
      <Textarea
        ref={textarea}
        label={isNote ? t('composer.noteLabel') : t('composer.replyLabel')}
        autosize
        minRows={3}
        maxRows={16}
        value={draft.body}
        onChange={(e) => {
          const body = e.currentTarget.value;
          setDraft((d) => ({ ...d, body }));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        onPaste={onPaste}
        error={bodyError}
        disabled={Boolean(ticket.mergedIntoId)}
        size="sm"
        styles={{ input: { background: 'var(--mantine-color-body)' } }}
      />
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
          <Text size="xs" c="gray.7">
            {t('composer.dropHint')}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="gray.7" aria-hidden>
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
          <Button
            onClick={submit}
            loading={send.isPending}
            disabled={!canSend}
            color={isNote ? 'yellow.4' : undefined}
            autoContrast
          >
            {isNote ? t('composer.addNote') : t('composer.sendReply')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
