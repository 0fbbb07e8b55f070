// S1: create or change a business-hours calendar — name, time zone, weekly hours, holidays — and
// try it in the preview before saving. Saves carry the version edited (409 shows the current one),
// and the server's field problems appear beside the inputs they name.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { cloneWeek, mergeHolidays, newDefinition } from './calendar-model.ts';
import { CalendarPreview } from './calendar-preview.tsx';
import { weekSummary } from './calendar-summary.ts';
import { ConflictAlert, NotSavedAlert } from './conflict-alert.tsx';
import { HolidayList, holidaysShow } from './holiday-list.tsx';
import { Loading, SlaAdminFrame } from './sla-admin-frame.tsx';
import {
  type Calendar,
  type CalendarDefinition,
  conflictOf,
  type FieldErrors,
  fieldErrorsOf,
  type HolidayImport,
  NO_ERRORS,
  slaKeys,
  useCalendar,
} from './sla-data.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';
import { gridShows, WeeklyGrid } from './weekly-grid.tsx';

const calendarRoute = getRouteApi('/app/admin/sla/calendars/$calendarId');

export function CalendarEditorPage(): ReactElement {
  return (
    <SlaAdminFrame>
      <CalendarEditor />
    </SlaAdminFrame>
  );
}

function CalendarEditor(): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const { calendarId } = calendarRoute.useParams();
  const isNew = calendarId === 'new';
  const calendar = useCalendar(isNew ? null : calendarId);
  if (!isNew && calendar.isError)
    return (
      <Alert color="red" role="alert">
        {calendar.error instanceof ApiError && calendar.error.status === 404
          ? t('calendar.notFound')
          : t('error.load')}
      </Alert>
    );
  if (!isNew && !calendar.data) return <Loading />;
  return <CalendarForm key={calendarId} initial={calendar.data ?? null} />;
}

interface Draft {
  name: string;
  definition: CalendarDefinition;
}

const draftOf = (c: Calendar): Draft => ({
  name: c.name,
  definition: {
    timezone: c.definition.timezone,
    week: cloneWeek(c.definition.week),
    holidays: [...c.definition.holidays],
  },
});

const FORM_PATHS = [/^name$/, /^definition\/timezone$/];
const formShows = (path: string) =>
  FORM_PATHS.some((p) => p.test(path)) || gridShows(path) || holidaysShow(path);

function CalendarForm({ initial }: { initial: Calendar | null }): ReactElement {
  const { t, i18n } = useTranslation('slaAdmin');
  const { agent } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Calendar | null>(initial);
  const [pristine] = useState<Draft>(() =>
    initial
      ? draftOf(initial)
      : {
          name: '',
          definition: newDefinition(agent?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
        },
  );
  const [draft, setDraft] = useState<Draft>(() => (initial ? draftOf(initial) : pristine));
  const [baseline, setBaseline] = useState<Draft>(pristine);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [problem, setProblem] = useState<{ message: string; extra: string[] } | null>(null);
  const [conflict, setConflict] = useState<Calendar | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = saved?.builtIn ?? false;
  const dirty = JSON.stringify(draft) !== JSON.stringify(baseline);

  const setDefinition = (change: Partial<CalendarDefinition>) =>
    setDraft((d) => ({ ...d, definition: { ...d.definition, ...change } }));

  const adopt = (calendar: Calendar, keepDraft: boolean) => {
    setSaved(calendar);
    setBaseline(draftOf(calendar));
    if (!keepDraft) setDraft(draftOf(calendar));
    queryClient.setQueryData(slaKeys.calendar(calendar.id), calendar);
    void queryClient.invalidateQueries({ queryKey: slaKeys.calendars, exact: true });
  };

  /** A 409 with the current calendar: shown for the administrator to choose. */
  const takeConflict = (err: unknown): boolean => {
    const current = conflictOf<Calendar>(err);
    if (!current) return false;
    setConflict(current);
    setProblem(null);
    return true;
  };

  const save = async () => {
    setProblem(null);
    setErrors(NO_ERRORS);
    const name = draft.name.trim();
    if (!name) {
      setErrors(new Map([['name', t('calendar.nameRequired')]]));
      setProblem({ message: t('error.fixFields'), extra: [] });
      return;
    }
    setSaving(true);
    try {
      const result = saved
        ? (unwrap(
            await api.PATCH('/api/v1/sla/calendars/{id}', {
              params: { path: { id: saved.id } },
              body: { version: saved.version, name, definition: draft.definition },
            }),
          ) as Calendar)
        : (unwrap(
            await api.POST('/api/v1/sla/calendars', { body: { name, definition: draft.definition } }),
          ) as Calendar);
      setConflict(null);
      adopt(result, false);
      notifications.show({ color: 'green', message: t('calendar.saved', { name: result.name }) });
      if (!saved)
        void navigate({
          to: '/admin/sla/calendars/$calendarId',
          params: { calendarId: result.id },
          replace: true,
        });
    } catch (err) {
      if (takeConflict(err)) return;
      const byPath = fieldErrorsOf(err);
      setErrors(byPath);
      const extra = [...byPath].filter(([p]) => !formShows(p)).map(([p, m]) => `${p}: ${m}`);
      setProblem({
        message: byPath.size ? t('error.fixFields') : err instanceof ApiError ? err.message : t('error.save'),
        extra,
      });
    } finally {
      setSaving(false);
    }
  };

  const onImported = (result: HolidayImport) => {
    // The server added the dates and moved the version on; other unsaved edits stay as they are.
    const before = saved?.definition.holidays ?? [];
    const added = result.calendar.definition.holidays.filter((d) => !before.includes(d));
    adopt(result.calendar, true);
    setDraft((d) => ({
      ...d,
      definition: { ...d.definition, holidays: mergeHolidays(d.definition.holidays, added) },
    }));
  };

  const remove = async () => {
    if (!saved) return;
    try {
      unwrap(await api.DELETE('/api/v1/sla/calendars/{id}', { params: { path: { id: saved.id } } }));
      await queryClient.invalidateQueries({ queryKey: slaKeys.calendars, exact: true });
      notifications.show({ message: t('calendar.deleted', { name: saved.name }) });
      void navigate({ to: '/admin/sla/calendars' });
    } catch (err) {
      setConfirmDelete(false);
      const users =
        err instanceof ApiError ? (err.problem.policies as Array<{ name: string }> | undefined) : undefined;
      setProblem({
        message: users?.length
          ? t('calendar.inUse', { count: users.length, names: users.map((p) => p.name).join(', ') })
          : err instanceof ApiError
            ? err.message
            : t('error.save'),
        extra: [],
      });
    }
  };

  return (
    <Stack gap="sm" maw={1200}>
      <Anchor component={Link} to="/admin/sla/calendars" size="sm">
        {t('calendars.back')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {saved ? saved.name : t('calendars.new')}
        </Title>
        {saved && (
          <Text size="sm" c="gray.7">
            {t('calendar.usedByCount', { count: saved.usedBy })}
          </Text>
        )}
      </Group>
      {readOnly && (
        <Alert color="blue" role="status">
          {t('calendar.builtInReadOnly')}
        </Alert>
      )}
      {conflict && (
        <ConflictAlert
          version={conflict.version}
          current={
            <Stack gap={2}>
              <Text size="sm">
                {t('conflict.calendarNow', { name: conflict.name, zone: conflict.definition.timezone })}
              </Text>
              <Text size="sm">{weekSummary(conflict.definition.week, i18n.language, t)}</Text>
              <Text size="sm">
                {t('calendar.holidayCount', { count: conflict.definition.holidays.length })}
              </Text>
            </Stack>
          }
          onLoad={() => {
            adopt(conflict, false);
            setConflict(null);
            setErrors(NO_ERRORS);
          }}
          onKeepMine={() => {
            adopt(conflict, true);
            setConflict(null);
          }}
        />
      )}
      {problem && <NotSavedAlert message={problem.message} extra={problem.extra} />}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Paper withBorder p="sm">
            <Group align="flex-start" gap="md">
              <TextInput
                label={t('calendar.name')}
                withAsterisk
                w={360}
                maxLength={100}
                value={draft.name}
                readOnly={readOnly}
                error={errors.get('name')}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setDraft((d) => ({ ...d, name }));
                }}
              />
              <TimeZoneSelect
                value={draft.definition.timezone}
                readOnly={readOnly}
                error={errors.get('definition/timezone')}
                onChange={(timezone) => setDefinition({ timezone })}
              />
            </Group>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0} mb="xs">
              {t('calendar.hours')}
            </Text>
            <WeeklyGrid
              week={draft.definition.week}
              errors={errors}
              readOnly={readOnly}
              onChange={(week) => setDefinition({ week })}
            />
          </Paper>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" component="h3" m={0} mb="xs">
                {t('holidays.title')}
              </Text>
              <HolidayList
                holidays={draft.definition.holidays}
                onChange={(holidays) => setDefinition({ holidays })}
                errors={errors}
                readOnly={readOnly}
                saved={saved}
                onImported={onImported}
                onConflict={takeConflict}
              />
            </Paper>
            <CalendarPreview definition={draft.definition} />
          </SimpleGrid>

          {!readOnly && (
            <Group justify="space-between">
              <Group gap="xs">
                <Button type="submit" loading={saving}>
                  {t('action.save')}
                </Button>
                <Button variant="default" component={Link} to="/admin/sla/calendars">
                  {t('action.cancel')}
                </Button>
                {dirty && (
                  <Text size="sm" c="gray.7">
                    {t('action.unsaved')}
                  </Text>
                )}
              </Group>
              {saved && (
                <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                  {t('action.delete')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('calendar.deleteTitle')}>
        <Text size="sm">{t('calendar.deleteBody', { name: saved?.name ?? '' })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t('action.cancel')}
          </Button>
          <Button color="red.8" onClick={() => void remove()}>
            {t('action.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
