// Cc or Bcc of a public reply: email addresses as chips, each checked as it is added.
import { TagsInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
export const isEmailAddress = (value: string): boolean => EMAIL.test(value.trim());

/** The first address that is not one, as a message; undefined when all are fine. */
export function recipientsProblem(t: (key: string, o?: Record<string, string>) => string, list: string[]) {
  const bad = list.find((a) => !isEmailAddress(a));
  return bad ? t('invalidAddress', { address: bad }) : undefined;
}

export function RecipientsInput({
  label,
  value,
  onChange,
  serverError,
}: {
  label: string;
  value: string[];
  onChange(value: string[]): void;
  serverError?: string | undefined;
}): ReactElement {
  const { t } = useTranslation('composer');
  return (
    <TagsInput
      size="xs"
      label={label}
      placeholder={value.length ? undefined : t('addresses')}
      value={value}
      onChange={(next) => onChange(next.map((a) => a.trim()).filter(Boolean))}
      splitChars={[',', ';', ' ']}
      acceptValueOnBlur
      clearable
      error={recipientsProblem(t, value) ?? serverError}
      styles={{ input: { background: 'var(--mantine-color-white)' } }}
    />
  );
}
