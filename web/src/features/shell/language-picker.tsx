import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';

/** Language choice; saved on the agent when signed in. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  return (
    <Select
      label={t('shell.language')}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
      value={i18n.language}
      onChange={(value) => value && void setLanguage(value as LanguageCode)}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
