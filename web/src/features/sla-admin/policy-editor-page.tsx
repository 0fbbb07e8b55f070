// S2: create or change an SLA policy — name, description, active, the condition (the view editor's
// condition builder, on the fields a policy matches on), per-priority targets on calendars, the
// warning before a breach and the escalation levels. Saves carry the version edited (409 shows the
// current one); the server's field problems appear beside the inputs they name.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import type { Condition } from '../tickets-list/built-in-views.ts';
import { GroupEditor } from '../tickets-list/condition-editor.tsx';
import {
  fromCondition,
  type GroupNode,
  nodeOfErrorPath,
  type TreeNode,
  toCondition,
  treeComplete,
  updateNode,
} from '../tickets-list/condition-tree.ts';
import { fieldCatalog } from '../tickets-list/ticket-field-catalog.ts';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';
import { ConflictAlert, NotSavedAlert } from './conflict-alert.tsx';
import { formatDuration, parseDuration } from './duration.ts';
import { EscalationLevels, escalationsShow } from './escalation-levels.tsx';
import {
  buildEscalations,
  buildTargets,
  buildWarning,
  type LevelDraft,
  levelsDraft,
  type TargetCell,
  type TargetsDraft,
  targetsDraft,
  type WarningDraft,
  type WarningMode,
  warningDraft,
} from './policy-draft.ts';
import { policyDescription, policyName } from './policy-names.ts';
import { Loading, SlaAdminFrame } from './sla-admin-frame.tsx';
import {
  conflictOf,
  type FieldErrors,
  fieldErrorsOf,
  NO_ERRORS,
  type Policy,
  slaKeys,
  useCalendars,
  usePolicy,
} from './sla-data.ts';
import { TargetsTable, targetsShow } from './targets-table.tsx';

const policyRoute = getRouteApi('/app/admin/sla/policies/$policyId');

/** The fields a policy matches on (custom fields too); others an existing condition uses stay offered. */
const POLICY_FIELDS = [
  'priority',
  'channel',
  'organization.tier',
  'organizationId',
  'productId',
  'type',
  'departmentId',
];

/** The built-in 24×7 calendar (server/src/modules/sla/schema.ts). */
const BUILT_IN_CALENDAR_ID = '00000000-0000-4000-8000-000000000247';

export function PolicyEditorPage(): ReactElement {
  return (
    <SlaAdminFrame>
      <PolicyEditor />
    </SlaAdminFrame>
  );
}

function PolicyEditor(): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const { policyId } = policyRoute.useParams();
  const isNew = policyId === 'new';
  const policy = usePolicy(isNew ? null : policyId);
  const picklists = usePicklists();
  const defs = useCustomFieldDefs();
  if (!isNew && policy.isError)
    return (
      <Alert color="red" role="alert">
        {policy.error instanceof ApiError && policy.error.status === 404
          ? t('policy.notFound')
          : t('error.load')}
      </Alert>
    );
  if ((!isNew && !policy.data) || picklists.isPending || defs.isPending) return <Loading />;
  return <PolicyForm key={policyId} initial={policy.data ?? null} />;
}

interface Draft {
  name: string;
  description: string;
  active: boolean;
  tree: GroupNode;
  targets: TargetsDraft;
  warning: WarningDraft;
  levels: LevelDraft[];
}

function PolicyForm({ initial }: { initial: Policy | null }): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const label = usePicklistLabel();
  const priorityList = usePicklists().data?.priority;
  const priorities = useMemo(
    () => [...(priorityList ?? [])].filter((p) => p.active).sort((a, b) => a.position - b.position),
    [priorityList],
  );
  const defs = useCustomFieldDefs().data;
  const calendars = useCalendars();
  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  const draftOf = (p: Policy | null): Draft => ({
    name: p ? policyName(p, t) : '',
    description: p ? policyDescription(p, t) : '',
    active: p?.active ?? true,
    tree: fromCondition((p?.condition ?? undefined) as Condition | undefined),
    targets: targetsDraft(
      p?.targets ?? {},
      priorities.map((x) => x.key),
      t,
    ),
    warning: warningDraft(p ? p.warning : { percentUsed: 80 }, t),
    levels: levelsDraft(p?.escalations ?? [], t),
  });

  const [saved, setSaved] = useState<Policy | null>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [conditionErrors, setConditionErrors] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<{ message: string; extra: string[] } | null>(null);
  const [conflict, setConflict] = useState<Policy | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [calendarForAll, setCalendarForAll] = useState<string | null>(null);
  const isDefault = saved?.isDefault ?? false;

  const usedFields = useMemo(() => {
    const names = new Set<string>();
    const walk = (n: TreeNode) => (n.kind === 'leaf' ? names.add(n.field) : n.children.forEach(walk));
    walk(draft.tree);
    return names;
  }, [draft.tree]);
  const fields = useMemo(
    () =>
      fieldCatalog(defs).filter((f) => POLICY_FIELDS.includes(f.name) || f.custom || usedFields.has(f.name)),
    [defs, usedFields],
  );
  const { condition, paths } = useMemo(() => toCondition(draft.tree, 'condition'), [draft.tree]);

  /** The API body of a draft, and the problems found before asking the server. */
  const bodyOf = (d: Draft, defaultPolicy: boolean) => {
    const targets = buildTargets(d.targets, t);
    const warning = buildWarning(d.warning, t);
    const escalations = buildEscalations(d.levels, t);
    const body = {
      name: d.name.trim(),
      description: d.description.trim(),
      ...(defaultPolicy
        ? {}
        : {
            condition: toCondition(d.tree, 'condition').condition as Record<string, unknown>,
            active: d.active,
          }),
      targets: targets.value,
      warning: warning.value,
      escalations: escalations.value,
    };
    const errs = new Map([...targets.errors, ...warning.errors, ...escalations.errors]);
    if (!body.name) errs.set('name', t('policy.nameRequired'));
    return { body, errors: errs };
  };
  const [baseline, setBaseline] = useState(() => JSON.stringify(bodyOf(draft, isDefault).body));
  const dirty = JSON.stringify(bodyOf(draft, isDefault).body) !== baseline;

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const adopt = (policy: Policy, keepDraft: boolean) => {
    setSaved(policy);
    const next = draftOf(policy);
    if (!keepDraft) setDraft(next);
    setBaseline(JSON.stringify(bodyOf(next, policy.isDefault).body));
    queryClient.setQueryData(slaKeys.policy(policy.id), policy);
    void queryClient.invalidateQueries({ queryKey: slaKeys.policies, exact: true });
    void queryClient.invalidateQueries({ queryKey: slaKeys.calendars });
  };
  const save = async () => {
    setProblem(null);
    setErrors(NO_ERRORS);
    setConditionErrors(new Map());
    const { body, errors: clientErrors } = bodyOf(draft, isDefault);
    if (clientErrors.size || (!isDefault && !treeComplete(draft.tree))) {
      setErrors(clientErrors);
      setProblem({
        message:
          !isDefault && !treeComplete(draft.tree) ? t('policy.conditionIncomplete') : t('error.fixFields'),
        extra: [],
      });
      return;
    }
    setSaving(true);
    try {
      const result = saved
        ? unwrap(
            await api.PATCH('/api/v1/sla/policies/{id}', {
              params: { path: { id: saved.id } },
              body: {
                version: saved.version,
                ...body,
                // The seeded default's English name stays as it is unless the administrator renamed it.
                ...(body.name === policyName(saved, t) ? { name: saved.name } : {}),
                ...(body.description === policyDescription(saved, t)
                  ? { description: saved.description }
                  : {}),
              },
            }),
          )
        : unwrap(
            await api.POST('/api/v1/sla/policies', {
              body: { ...body, condition: condition as Record<string, unknown> },
            }),
          );
      setConflict(null);
      adopt(result, false);
      notifications.show({ color: 'green', message: t('policy.saved', { name: policyName(result, t) }) });
      if (!saved)
        void navigate({
          to: '/admin/sla/policies/$policyId',
          params: { policyId: result.id },
          replace: true,
        });
    } catch (err) {
      const current = conflictOf<Policy>(err);
      if (current) {
        setConflict(current);
        return;
      }
      const byPath = fieldErrorsOf(err);
      setErrors(byPath);
      const byNode = new Map<string, string>();
      for (const [path, message] of byPath) {
        const node = path.startsWith('condition') ? nodeOfErrorPath(paths, path) : undefined;
        if (node && !byNode.has(node)) byNode.set(node, message);
      }
      setConditionErrors(byNode);
      const shown = (p: string) =>
        /^(name|description|active|warning(\/(minutesBefore|percentUsed))?)$/.test(p) ||
        (p.startsWith('condition') && nodeOfErrorPath(paths, p) !== undefined) ||
        targetsShow(p, draft.targets) ||
        escalationsShow(p, draft.levels);
      const extra = [...byPath].filter(([p]) => !shown(p)).map(([p, m]) => `${p}: ${m}`);
      setProblem({
        message: byPath.size ? t('error.fixFields') : err instanceof ApiError ? err.message : t('error.save'),
        extra,
      });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!saved) return;
    try {
      unwrap(await api.DELETE('/api/v1/sla/policies/{id}', { params: { path: { id: saved.id } } }));
      await queryClient.invalidateQueries({ queryKey: slaKeys.policies, exact: true });
      void queryClient.invalidateQueries({ queryKey: slaKeys.calendars });
      notifications.show({ message: t('policy.deleted', { name: saved.name }) });
      void navigate({ to: '/admin/sla/policies' });
    } catch (err) {
      setConfirmDelete(false);
      setProblem({ message: err instanceof ApiError ? err.message : t('error.save'), extra: [] });
    }
  };

  const changeCondition = (id: string, replace: (n: TreeNode) => TreeNode | null) => {
    setDraft((d) => ({ ...d, tree: updateNode(d.tree, id, replace) }));
    setConditionErrors((e) => {
      if (!e.has(id)) return e;
      const next = new Map(e);
      next.delete(id);
      return next;
    });
  };

  const warningModes: WarningMode[] = ['none', 'minutes', 'percent'];
  const conditionRoot = errors.get('condition');

  return (
    <Stack gap="sm" maw={1200}>
      <Anchor component={Link} to="/admin/sla/policies" size="sm">
        {t('policies.back')}
      </Anchor>
      <Group gap="xs" align="center">
        <Title order={2} size="h3">
          {saved ? policyName(saved, t) : t('policies.new')}
        </Title>
        {isDefault && (
          <Badge variant="light" color="gray" tt="none">
            {t('policy.defaultBadge')}
          </Badge>
        )}
      </Group>
      {conflict && (
        <ConflictAlert
          version={conflict.version}
          current={
            <Stack gap={2}>
              <Text size="sm">
                {t('conflict.policyNow', {
                  name: policyName(conflict, t),
                  state: conflict.active ? t('policy.active') : t('policy.inactive'),
                })}
              </Text>
              {Object.entries(conflict.targets).map(([p, metrics]) => (
                <Text size="sm" key={p}>
                  {label('priority', p)}:{' '}
                  {Object.entries(metrics)
                    .map(
                      ([m, target]) =>
                        `${t(`metric.${m}`)} ${target ? formatDuration(target.minutes, t) : ''}`,
                    )
                    .join(', ')}
                </Text>
              ))}
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
            <Stack gap="sm">
              <Group align="flex-start" gap="md">
                <TextInput
                  label={t('policy.name')}
                  withAsterisk
                  w={360}
                  maxLength={100}
                  value={draft.name}
                  error={errors.get('name')}
                  onChange={(e) => update({ name: e.currentTarget.value })}
                />
                <Switch
                  mt={28}
                  label={t('policy.active')}
                  description={isDefault ? t('policy.defaultAlwaysActive') : t('policy.activeHint')}
                  checked={isDefault || draft.active}
                  disabled={isDefault}
                  error={errors.get('active')}
                  onChange={(e) => update({ active: e.currentTarget.checked })}
                />
              </Group>
              <Textarea
                label={t('policy.description')}
                autosize
                minRows={2}
                maxRows={6}
                maxLength={2000}
                value={draft.description}
                error={errors.get('description')}
                onChange={(e) => update({ description: e.currentTarget.value })}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0} mb="xs">
              {t('policy.condition')}
            </Text>
            {isDefault ? (
              <Text size="sm">{t('policy.defaultCondition')}</Text>
            ) : (
              <Stack gap="xs">
                <Text size="xs" c="gray.7">
                  {t('policy.conditionHint')}
                </Text>
                <GroupEditor
                  group={draft.tree}
                  emptyText={t('policy.noConditions')}
                  fields={fields}
                  errors={conditionErrors}
                  onChange={changeCondition}
                />
                {conditionRoot && (
                  <Text size="xs" c="red" role="alert">
                    {conditionRoot}
                  </Text>
                )}
              </Stack>
            )}
          </Paper>

          <Paper withBorder p="sm">
            <Group justify="space-between" align="flex-end" mb="xs">
              <Stack gap={2}>
                <Text fw={600} size="sm" component="h3" m={0}>
                  {t('targets.title')}
                </Text>
                <Text size="xs" c="gray.7">
                  {t('targets.hint')}
                </Text>
              </Stack>
              <Select
                size="xs"
                w={260}
                label={t('targets.calendarForAll')}
                placeholder={t('targets.chooseCalendar')}
                data={calendarOptions}
                value={calendarForAll}
                onChange={(calendarId) => {
                  setCalendarForAll(calendarId);
                  if (!calendarId) return;
                  // Every target set so far moves to it; targets typed later start on it.
                  const on = (cell: TargetCell): TargetCell =>
                    cell.text.trim() ? { ...cell, calendarId } : cell;
                  const targets: TargetsDraft = {};
                  for (const [p, row] of Object.entries(draft.targets))
                    targets[p] = {
                      firstResponse: on(row.firstResponse),
                      nextResponse: on(row.nextResponse),
                      resolution: on(row.resolution),
                    };
                  update({ targets });
                }}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
            {errors.get('targets') && (
              <Text size="xs" c="red" role="alert">
                {errors.get('targets')}
              </Text>
            )}
            <TargetsTable
              value={draft.targets}
              onChange={(targets) => update({ targets })}
              calendars={calendarOptions}
              defaultCalendarId={calendarForAll ?? BUILT_IN_CALENDAR_ID}
              errors={errors}
            />
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0} mb="xs">
              {t('warning.title')}
            </Text>
            <Group gap="md" align="flex-end">
              <SegmentedControl
                size="xs"
                aria-label={t('warning.title')}
                data={warningModes.map((m) => ({ value: m, label: t(`warning.mode.${m}`) }))}
                value={draft.warning.mode}
                onChange={(mode) => update({ warning: { ...draft.warning, mode: mode as WarningMode } })}
              />
              {draft.warning.mode === 'minutes' && (
                <TextInput
                  size="xs"
                  w={160}
                  label={t('warning.minutesBefore')}
                  value={draft.warning.minutesText}
                  error={errors.get('warning/minutesBefore') ?? errors.get('warning')}
                  onChange={(e) =>
                    update({ warning: { ...draft.warning, minutesText: e.currentTarget.value } })
                  }
                  onBlur={() => {
                    const minutes = parseDuration(draft.warning.minutesText);
                    if (typeof minutes === 'number')
                      update({ warning: { ...draft.warning, minutesText: formatDuration(minutes, t) } });
                  }}
                />
              )}
              {draft.warning.mode === 'percent' && (
                <NumberInput
                  size="xs"
                  w={160}
                  label={t('warning.percentUsed')}
                  min={1}
                  max={99}
                  allowDecimal={false}
                  suffix=" %"
                  value={draft.warning.percent}
                  error={errors.get('warning/percentUsed') ?? errors.get('warning')}
                  onChange={(percent) => update({ warning: { ...draft.warning, percent } })}
                />
              )}
            </Group>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0} mb="xs">
              {t('escalation.title')}
            </Text>
            <EscalationLevels
              value={draft.levels}
              onChange={(levels) => update({ levels })}
              errors={errors}
            />
          </Paper>

          <Group justify="space-between">
            <Group gap="xs">
              <Button type="submit" loading={saving}>
                {t('action.save')}
              </Button>
              <Button variant="default" component={Link} to="/admin/sla/policies">
                {t('action.cancel')}
              </Button>
              {dirty && (
                <Text size="sm" c="gray.7">
                  {t('action.unsaved')}
                </Text>
              )}
            </Group>
            {saved && !isDefault && (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                {t('action.delete')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('policy.deleteTitle')}>
        <Text size="sm">{t('policy.deleteBody', { name: saved ? policyName(saved, t) : '' })}</Text>
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
