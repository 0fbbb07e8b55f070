// Creating or changing a rule: name, description, department, when it runs (trigger), which tickets
// (the shared condition editor, with the change operators on event rules), what it does (the action
// builder), and a dry run of the rule as it stands. Saves carry the version edited (409 says so and
// offers the current rule); the server's problems appear beside the inputs they name.
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactElement, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { usePicklists } from '../../app/reference-data.ts';
import { ActionBuilder } from '../automation/action-builder.tsx';
import { RouterButton } from '../sla-admin/sla-admin-frame.tsx';
import { GroupEditor } from '../tickets-list/condition-editor.tsx';
import { treeComplete, updateNode } from '../tickets-list/condition-tree.ts';
import { fieldCatalog } from '../tickets-list/ticket-field-catalog.ts';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';
import { DryRunPanel } from './dry-run-panel.tsx';
import { ALL_DEPARTMENTS, bodyOf, placeErrors, type RuleValues, valuesOf } from './rule-draft.ts';
import {
  ACTION_TYPES,
  MAX_ACTIONS,
  type Rule,
  ruleKeys,
  ruleName,
  useDepartments,
  useRule,
} from './rules-data.ts';
import { RulesFrame } from './rules-frame.tsx';
import { TriggerSection } from './trigger-section.tsx';

const ruleRoute = getRouteApi('/app/admin/automation/rules/$ruleId');

export function RuleEditorPage(): ReactElement {
  return (
    <RulesFrame>
      <RuleEditor />
    </RulesFrame>
  );
}

function RuleEditor(): ReactElement {
  const { t } = useTranslation('rules');
  const { ruleId } = ruleRoute.useParams();
  const isNew = ruleId === 'new';
  const rule = useRule(isNew ? null : ruleId);
  const picklists = usePicklists();
  const defs = useCustomFieldDefs();
  if (!isNew && rule.isError)
    return (
      <Alert color="red" role="alert">
        {rule.error instanceof ApiError && rule.error.status === 404 ? t('editor.notFound') : t('error.load')}
      </Alert>
    );
  if ((!isNew && !rule.data) || picklists.isPending || defs.isPending) return <Loading />;
  return <RuleForm key={`${ruleId}:${rule.data?.version ?? 0}`} initial={rule.data ?? null} />;
}

function Section({ title, children }: { title: string; children: ReactNode }): ReactElement {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function RuleForm({ initial }: { initial: Rule | null }): ReactElement {
  const { t } = useTranslation('rules');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const defs = useCustomFieldDefs().data;
  const departments = useDepartments().data ?? [];
  const [conditionErrors, setConditionErrors] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<RuleValues>({
    initialValues: valuesOf(initial),
    validate: {
      name: (v) => (v.trim() ? null : t('editor.nameRequired')),
      actions: (v) => (v.length ? null : t('editor.actionsRequired')),
    },
  });
  const values = form.getValues();
  const fields = useMemo(() => fieldCatalog(defs), [defs]);
  const timed = values.trigger.kind === 'time';
  const actionErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([path]) => path.startsWith('actions.'))
      .map(([path, message]) => [path.slice('actions.'.length), String(message)]),
  );

  /** Puts the server's problems beside their inputs; the rest go in the alert. */
  const showProblems = (errors: Array<{ field: string; message: string }>, prefix: RegExp) => {
    const placed = placeErrors(errors, bodyOf(form.getValues()).paths, prefix);
    form.setErrors(placed.form);
    setConditionErrors(placed.condition);
    return placed.rest;
  };

  const dryRunRequest = () => {
    form.clearErrors();
    setConditionErrors(new Map());
    if (!treeComplete(values.tree)) {
      setProblem([t('editor.conditionIncomplete')]);
      return null;
    }
    setProblem(null);
    const { body } = bodyOf(form.getValues());
    return {
      body: { ...body, name: body.name || t('editor.unnamed') },
      onProblems: (errors: Array<{ field: string; message: string }>) => {
        const rest = showProblems(errors, /^body\/rule(\/|$)/);
        if (rest.length) setProblem(rest);
      },
    };
  };

  const save = form.onSubmit(async (v) => {
    setProblem(null);
    setConditionErrors(new Map());
    if (!treeComplete(v.tree)) {
      setProblem([t('editor.conditionIncomplete')]);
      return;
    }
    const { body } = bodyOf(v);
    try {
      const saved = initial
        ? unwrap(
            await api.PATCH('/api/v1/rules/{id}', {
              params: { path: { id: initial.id } },
              body: { version: initial.version, ...body, active: v.active },
            }),
          )
        : unwrap(await api.POST('/api/v1/rules', { body: { ...body, active: v.active } }));
      setConflict(false);
      queryClient.setQueryData(ruleKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ruleKeys.list });
      notifications.show({ color: 'teal', message: t('editor.saved', { name: saved.name }) });
      form.resetDirty();
      void navigate({ to: '/admin/automation/rules' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        return;
      }
      const rest = err instanceof ApiError ? showProblems(err.problem.errors ?? [], /^body(\/|$)/) : [];
      const hasPlaced = err instanceof ApiError && (err.problem.errors?.length ?? 0) > rest.length;
      if (rest.length || !hasPlaced) setProblem(rest.length ? rest : [messageOf(err, t('error.save'))]);
    }
  });

  const remove = async () => {
    if (!initial) return;
    try {
      unwrap(await api.DELETE('/api/v1/rules/{id}', { params: { path: { id: initial.id } } }));
      void queryClient.invalidateQueries({ queryKey: ruleKeys.all });
      notifications.show({ color: 'teal', message: t('editor.deleted', { name: initial.name }) });
      void navigate({ to: '/admin/automation/rules' });
    } catch (err) {
      setConfirmDelete(false);
      setProblem([messageOf(err, t('error.save'))]);
    }
  };

  const reloadCurrent = async () => {
    if (!initial) return;
    await queryClient.invalidateQueries({ queryKey: ruleKeys.one(initial.id) });
    setConflict(false);
  };

  return (
    <Stack gap="sm" maw={1100}>
      <RouterAnchor to="/admin/automation/rules" size="sm">
        {t('editor.back')}
      </RouterAnchor>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {initial ? ruleName(initial, t) : t('editor.newTitle')}
        </Title>
        {initial && (
          <RouterAnchor to="/admin/automation/rules/runs" search={{ ruleId: initial.id }} size="sm">
            {t('editor.runsOfRule')}
          </RouterAnchor>
        )}
      </Group>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <Section title={t('editor.about')}>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('editor.name')}
                withAsterisk
                maxLength={100}
                miw={320}
                style={{ flex: 2 }}
                {...form.getInputProps('name')}
              />
              <Select
                label={t('editor.department')}
                w={260}
                allowDeselect={false}
                data={[
                  { value: ALL_DEPARTMENTS, label: t('editor.allDepartments') },
                  ...departments.map((d) => ({ value: d.id, label: d.name })),
                ]}
                {...form.getInputProps('departmentId')}
              />
            </Group>
            <Textarea
              label={t('editor.description')}
              autosize
              minRows={1}
              maxRows={4}
              maxLength={1000}
              {...form.getInputProps('description')}
            />
            <Switch
              label={t('editor.active')}
              description={t('editor.activeHelp')}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          </Section>
          <Section title={t('editor.when')}>
            <TriggerSection form={form} />
          </Section>
          <Section title={t('editor.which')}>
            <GroupEditor
              group={values.tree}
              fields={fields}
              errors={conditionErrors}
              changeOps={!timed}
              emptyText={t('editor.everyTicket')}
              onChange={(id, replace) =>
                form.setFieldValue('tree', updateNode(form.getValues().tree, id, replace))
              }
            />
            <Text size="xs" c="gray.7">
              {timed ? t('editor.timedConditionHelp') : t('editor.changeOpsHelp')}
            </Text>
          </Section>
          <Section title={t('editor.then')}>
            <ActionBuilder
              types={ACTION_TYPES}
              max={MAX_ACTIONS}
              value={values.actions}
              onChange={(next, touched) => {
                form.setFieldValue('actions', next);
                for (const path of touched) form.clearFieldError(`actions.${path}`);
              }}
              errors={actionErrors}
              listError={form.errors.actions as string | undefined}
            />
          </Section>
          {conflict && (
            <Alert color="yellow" role="alert" title={t('editor.conflictTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('editor.conflictBody')}</Text>
                <Group>
                  <Button size="xs" variant="default" onClick={() => void reloadCurrent()}>
                    {t('editor.loadCurrent')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {problem && (
            <Alert color="red" role="alert" title={t('editor.notSaved')}>
              <Stack gap={2}>
                {problem.map((p) => (
                  <Text key={p} size="sm">
                    {p}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Group justify="space-between">
            <Group>
              {initial && (
                <Button color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>
                  {t('editor.delete')}
                </Button>
              )}
            </Group>
            <Group>
              <RouterButton variant="default" to="/admin/automation/rules">
                {t('editor.cancel')}
              </RouterButton>
              <Button type="submit" loading={form.submitting}>
                {t('editor.save')}
              </Button>
            </Group>
          </Group>
          <Section title={t('dryRun.title')}>
            <DryRunPanel request={dryRunRequest} />
          </Section>
        </Stack>
      </form>
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('editor.deleteTitle', { name: initial ? ruleName(initial, t) : '' })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('editor.deleteBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('editor.cancel')}
            </Button>
            <Button color="red" onClick={() => void remove()}>
              {t('editor.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
