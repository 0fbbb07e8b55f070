// One message of the conversation: public reply, internal note (visibly different) or the
// customer's message, with its attachments (images previewed) and a menu to split it off.
import { ActionIcon, Anchor, Group, Image, Menu, Paper, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { RichBody } from './rich-body.tsx';
import {
  type Attachment,
  attachmentUrl,
  PREVIEWABLE,
  type TicketMessage,
  useOtherTicket,
} from './ticket-data.ts';

/** Colors of each kind of message, dark enough on their backgrounds for WCAG AA. */
export const MESSAGE_STYLES: Record<string, { bg: string; border: string; tagBg: string; tagFg: string }> = {
  note: {
    bg: 'var(--mantine-color-yellow-0)',
    border: 'var(--mantine-color-yellow-6)',
    tagBg: 'var(--mantine-color-yellow-2)',
    tagFg: 'var(--mantine-color-dark-9)',
  },
  reply: {
    bg: 'var(--mantine-color-body)',
    border: 'var(--mantine-color-indigo-5)',
    tagBg: 'var(--mantine-color-indigo-0)',
    tagFg: 'var(--mantine-color-indigo-text)',
  },
  customer: {
    bg: 'var(--mantine-color-gray-0)',
    border: 'var(--mantine-color-teal-6)',
    tagBg: 'var(--mantine-color-teal-0)',
    tagFg: 'var(--mantine-color-teal-text)',
  },
};

export function KindTag({ kind }: { kind: string }): ReactElement {
  const { t } = useTranslation('ticket');
  const s = MESSAGE_STYLES[kind] ?? MESSAGE_STYLES.reply!;
  return (
    <Text
      span
      size="xs"
      fw={600}
      px={6}
      style={{ background: s.tagBg, color: s.tagFg, borderRadius: 4, whiteSpace: 'nowrap' }}
    >
      {t(`message.${kind}`, { defaultValue: kind })}
    </Text>
  );
}

export function AttachmentList({
  ticketId,
  attachments,
}: {
  ticketId: string;
  attachments: Attachment[];
}): ReactElement | null {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  if (!attachments.length) return null;
  return (
    <Group
      mt="xs"
      gap="xs"
      align="flex-end"
      component="ul"
      aria-label={t('message.attachments')}
      style={{ listStyle: 'none', padding: 0, marginBottom: 0 }}
    >
      {attachments.map((a) => {
        const url = attachmentUrl(ticketId, a.id);
        return (
          <li key={a.id}>
            {PREVIEWABLE.has(a.contentType) && (
              // The preview repeats the download link below it: one stop for keyboards and readers.
              <Anchor href={url} target="_blank" rel="noopener" display="block" tabIndex={-1} aria-hidden>
                <Image
                  src={url}
                  alt=""
                  data-preview={a.filename}
                  h={96}
                  w="auto"
                  fit="contain"
                  radius="sm"
                  loading="lazy"
                  style={{ border: '1px solid var(--mantine-color-gray-3)', maxWidth: 220 }}
                />
              </Anchor>
            )}
            <Text size="xs">
              <Anchor href={url} download={a.filename} size="xs">
                {a.filename}
              </Anchor>{' '}
              <Text span size="xs" c="gray.7">
                ({format.bytes(a.size)})
              </Text>
            </Text>
          </li>
        );
      })}
    </Group>
  );
}

/** Who else received a public reply; Bcc is for agents' eyes only. */
function Copies({ message }: { message: TicketMessage }): ReactElement | null {
  const { t } = useTranslation('composer');
  if (!message.cc.length && !message.bcc.length) return null;
  return (
    <Text size="xs" c="gray.7" mb={4} data-copies>
      {message.cc.length > 0 && (
        <span>{t('copiesLine', { field: t('cc'), list: message.cc.join(', ') })}</span>
      )}
      {message.cc.length > 0 && message.bcc.length > 0 && ' · '}
      {message.bcc.length > 0 && (
        <span>{t('copiesLine', { field: t('bcc'), list: message.bcc.join(', ') })}</span>
      )}
    </Text>
  );
}

function MovedFrom({ id }: { id: string }): ReactElement {
  const { t } = useTranslation('ticket');
  const other = useOtherTicket(id).data;
  return (
    <Text size="xs" c="gray.7">
      {t('message.movedFrom')}{' '}
      {other ? (
        <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: id }} size="xs">
          {other.number}
        </RouterAnchor>
      ) : (
        '…'
      )}
    </Text>
  );
}

export function MessageCard({
  message,
  ticketId,
  onSplit,
}: {
  message: TicketMessage;
  ticketId: string;
  onSplit?: (message: TicketMessage) => void;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const s = MESSAGE_STYLES[message.kind] ?? MESSAGE_STYLES.reply!;
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      data-message-kind={message.kind}
      aria-label={t('message.aria', {
        kind: t(`message.${message.kind}`, { defaultValue: message.kind }),
        author: message.authorName,
      })}
      style={{ background: s.bg, borderLeft: `4px solid ${s.border}` }}
    >
      <Group gap="xs" mb={4} wrap="nowrap">
        <Text
          size="sm"
          fw={600}
          style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {message.authorName}
        </Text>
        <KindTag kind={message.kind} />
        <Text size="xs" c="gray.7" style={{ flex: 1 }}>
          {t(`channel.${message.channel}`, { defaultValue: message.channel })} ·{' '}
          <time dateTime={message.createdAt} title={format.ago(message.createdAt)}>
            {format.dateTime(message.createdAt)}
          </time>
        </Text>
        {onSplit && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={t('message.menu', { author: message.authorName })}
              >
                <span aria-hidden>⋯</span>
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onSplit(message)}>{t('actions.split')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {message.movedFromTicketId && <MovedFrom id={message.movedFromTicketId} />}
      <Copies message={message} />
      {message.bodyHtml ? (
        <RichBody html={message.bodyHtml} />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Text>
      )}
      <AttachmentList ticketId={ticketId} attachments={message.attachments} />
    </Paper>
  );
}
