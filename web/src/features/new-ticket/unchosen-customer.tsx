// Text typed in Customer but no contact chosen when the ticket is created: the one contact that
// matches it exactly is taken; otherwise the agent is asked before a ticket without a customer is made.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LookupContact } from '../customers/customer-data.ts';

const digits = (s: string) => s.replace(/\D/g, '');
const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The single contact whose name, an email address or a phone number is exactly `text`, else null. */
export function singleExactMatch(text: string, contacts: readonly LookupContact[]): LookupContact | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (!typed) return null;
  const phone = digits(typed);
  const exact = contacts.filter(
    (c) =>
      same(c.name.trim().replace(/\s+/g, ' '), typed) ||
      c.emails.some((e) => same(e, typed)) ||
      (phone.length >= 5 && /^[+\d\s().-]+$/.test(typed) && c.phones.some((p) => digits(p) === phone)),
  );
  return exact.length === 1 ? exact[0]! : null;
}

export function UnchosenCustomerDialog({
  text,
  opened,
  onCreateWithout,
  onChoose,
}: {
  text: string;
  opened: boolean;
  onCreateWithout: () => void;
  onChoose: () => void;
}): ReactElement {
  const { t } = useTranslation('newTicket');
  return (
    <Modal opened={opened} onClose={onChoose} title={t('unchosen.title')} centered>
      <Stack gap="sm">
        <Text size="sm">{t('unchosen.text', { text })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCreateWithout}>
            {t('unchosen.createWithout')}
          </Button>
          <Button onClick={onChoose} data-autofocus>
            {t('unchosen.choose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
