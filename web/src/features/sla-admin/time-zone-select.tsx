// A searchable list of the IANA time zones the browser knows (Intl.supportedValuesOf).
import { Select } from '@mantine/core';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneOptions } from './zoned-time.ts';

interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
  readOnly: boolean;
}

export function TimeZoneSelect({ value, onChange, error, readOnly }: TimeZoneSelectProps): ReactElement {
  const { t, i18n } = useTranslation('slaAdmin');
  const data = useMemo(() => zoneOptions(i18n.language, [value]), [i18n.language, value]);
  return (
    <Select
      label={t('calendar.timezone')}
      withAsterisk
      searchable
      w={420}
      data={data}
      value={value || null}
      allowDeselect={false}
      readOnly={readOnly}
      limit={200}
      maxDropdownHeight={320}
      nothingFoundMessage={t('calendar.noZone')}
      error={error}
      onChange={(zone) => zone && onChange(zone)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
