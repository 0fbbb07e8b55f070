// A calendar's holidays: dates (local to the calendar's zone) to add one by one or paste as a list.
// On a saved calendar the pasted list goes to the server, which adds the dates at once; on a new
// one it is read here the same way and the dates join the unsaved calendar.
import { ActionIcon, Alert, Button, Group, List, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { isRealDate, mergeHolidays, parseHolidayText } from './calendar-model.ts';
import type { Calendar, FieldErrors, HolidayImport } from './sla-data.ts';
import { formatLocalDate } from './zoned-time.ts';

interface HolidayListProps {
  holidays: string[];
  onChange: (holidays: string[]) => void;
  errors: FieldErrors;
  readOnly: boolean;
  /** The saved calendar the form edits (null while new). */
  saved: Calendar | null;
  onImported: (result: HolidayImport) => void;
  onConflict: (err: unknown) => boolean;
}

interface ImportOutcome {
  added: number;
  skipped: { line: number; text: string }[];
}

export function HolidayList(props: HolidayListProps): ReactElement {
  const { holidays, onChange, errors, readOnly, saved } = props;
  const { t, i18n } = useTranslation('slaAdmin');
  const [date, setDate] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [paste, setPaste] = useState('');
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  const add = () => {
    if (!isRealDate(date)) {
      setDateError(t('holidays.dateInvalid'));
      return;
    }
    setDateError(null);
    onChange(mergeHolidays(holidays, [date]));
    setDate('');
  };

  const runImport = async () => {
    setImportError(null);
    setOutcome(null);
    if (!paste.trim()) {
      setImportError(t('holidays.pasteEmpty'));
      return;
    }
    if (!saved) {
      const parsed = parseHolidayText(paste);
      if (parsed.invalid.length) {
        setImportError(
          parsed.invalid.map((x) => t('holidays.notRealDate', { line: x.line, date: x.date })).join(' '),
        );
        return;
      }
      const merged = mergeHolidays(holidays, parsed.dates);
      onChange(merged);
      setOutcome({ added: merged.length - holidays.length, skipped: parsed.skipped });
      setPaste('');
      return;
    }
    setImporting(true);
    try {
      const result = unwrap(
        await api.POST('/api/v1/sla/calendars/{id}/holidays/import', {
          params: { path: { id: saved.id } },
          body: { version: saved.version, text: paste },
        }),
      ) as HolidayImport;
      props.onImported(result);
      setOutcome({ added: result.added, skipped: result.skipped });
      setPaste('');
    } catch (err) {
      if (!props.onConflict(err))
        setImportError(
          err instanceof ApiError
            ? (err.problem.errors?.map((e) => e.message).join(' ') ?? err.message)
            : t('error.save'),
        );
    } finally {
      setImporting(false);
    }
  };

  const listError = errors.get('definition/holidays');
  return (
    <Stack gap="sm">
      {holidays.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('holidays.none')}
        </Text>
      ) : (
        <List listStyleType="none" spacing={2} aria-label={t('holidays.title')}>
          {holidays.map((d, i) => {
            const label = formatLocalDate(i18n.language, d);
            const error = errors.get(`definition/holidays/${i}`);
            return (
              <List.Item key={d}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" title={d}>
                    {label}
                  </Text>
                  {!readOnly && (
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray.8"
                      aria-label={t('holidays.remove', { date: label })}
                      onClick={() => onChange(holidays.filter((x) => x !== d))}
                    >
                      ✕
                    </ActionIcon>
                  )}
                  {error && (
                    <Text size="xs" c="red" role="alert">
                      {error}
                    </Text>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      {listError && (
        <Text size="xs" c="red" role="alert">
          {listError}
        </Text>
      )}
      {!readOnly && (
        <>
          <Group gap="xs" align="flex-start">
            <TextInput
              type="date"
              size="xs"
              w={180}
              aria-label={t('holidays.date')}
              value={date}
              error={dateError}
              onChange={(e) => setDate(e.currentTarget.value)}
            />
            <Button size="xs" variant="light" onClick={add}>
              {t('holidays.add')}
            </Button>
          </Group>
          <Textarea
            label={t('holidays.paste')}
            description={saved ? t('holidays.pasteHintSaved') : t('holidays.pasteHintNew')}
            autosize
            minRows={3}
            maxRows={10}
            value={paste}
            onChange={(e) => setPaste(e.currentTarget.value)}
          />
          <Group gap="xs">
            <Button size="xs" variant="light" loading={importing} onClick={() => void runImport()}>
              {t('holidays.import')}
            </Button>
          </Group>
          {importError && (
            <Text size="sm" c="red" role="alert">
              {importError}
            </Text>
          )}
          {outcome && (
            <Alert color={outcome.skipped.length ? 'yellow' : 'green'} role="status" p="xs">
              <Text size="sm" fw={600}>
                {t('holidays.result', { added: outcome.added, skipped: outcome.skipped.length })}
              </Text>
              {outcome.skipped.length > 0 && (
                <List size="sm" mt={4}>
                  {outcome.skipped.map((s) => (
                    <List.Item key={s.line}>
                      {t('holidays.skippedLine', { line: s.line, text: s.text })}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

export function holidaysShow(path: string): boolean {
  return /^definition\/holidays(\/\d+)?$/.test(path);
}
