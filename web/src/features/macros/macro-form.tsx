// A macro's form in a modal: name, description, shared (administrators) and the actions. Problems
// the server names are shown beside their input; nothing is saved until every one is fixed.
import { Alert, Button, Group, Modal, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { ActionBuilder } from '../automation/action-builder.tsx';
import { type ActionDraft, actionErrorPath, actionOf, draftOf } from '../automation/action-draft.ts';
import {
  actionsOf,
  MACRO_ACTION_TYPES,
  MACRO_PLACEHOLDERS,
  type Macro,
  useMacroRefresh,
} from './macro-data.ts';

export function MacroFormModal({
  macro,
  onClose,
}: {
  macro: Macro | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation('macros');
  const { agent } = useSession();
  const refresh = useMacroRefresh();
  const [name, setName] = useState(macro?.name ?? '');
  const [description, setDescription] = useState(macro?.description ?? '');
  const [shared, setShared] = useState(macro?.shared ?? false);
  const [departmentId, setDepartmentId] = useState<string | null>(macro?.departmentId ?? null);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/departments')).items,
    staleTime: 5 * 60_000,
  });
  const [actions, setActions] = useState<ActionDraft[]>(macro ? actionsOf(macro).map(draftOf) : []);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const actionErrors: Record<string, string> = {};
  for (const e of problem?.problem.errors ?? []) {
    const at = e.field.startsWith('body/actions/')
      ? actionErrorPath(e.field.slice('body/actions/'.length))
      : null;
    if (at) actionErrors[at] ??= e.message;
  }
  const listError = problem?.problem.errors?.find((e) => e.field === 'body/actions')?.message;

  const save = async () => {
    setSaving(true);
    setProblem(null);
    const body = { name, description, shared, departmentId, actions: actions.map(actionOf) as never };
    try {
      if (macro)
        unwrap(
          await api.PATCH('/api/v1/macros/{id}', {
            params: { path: { id: macro.id } },
            body: { ...body, version: macro.version },
          }),
        );
      else unwrap(await api.POST('/api/v1/macros', { body }));
      await refresh();
      onClose();
    } catch (err) {
      setProblem(
        err instanceof ApiError
          ? err
          : new ApiError({ type: '', title: '', status: 0, detail: t('error.save') }),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={macro ? t('form.editTitle') : t('form.newTitle')} size={880}>
      <Stack gap="sm">
        {problem && !problem.problem.errors?.length && (
          <Alert color="red" role="alert">
            {problem.message}
          </Alert>
        )}
        <TextInput
          label={t('form.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problem?.fieldError('name')}
          maxLength={100}
          data-autofocus
        />
        <Textarea
          label={t('form.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={problem?.fieldError('description')}
          autosize
          minRows={1}
          maxLength={1000}
        />
        <Select
          label={t('form.department')}
          description={t('form.departmentHelp')}
          placeholder={t('form.anyDepartment')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          error={problem?.fieldError('departmentId')}
          clearable
          searchable
          maw={360}
        />
        {agent?.admin && (
          <Switch
            label={t('form.shared')}
            description={t('form.sharedHelp')}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
        )}
        <Stack gap={4}>
          <Group justify="space-between">
            <strong>{t('form.actions')}</strong>
          </Group>
          {listError && (
            <Alert color="red" role="alert" p="xs">
              {listError}
            </Alert>
          )}
          <ActionBuilder
            types={MACRO_ACTION_TYPES}
            placeholders={MACRO_PLACEHOLDERS}
            value={actions}
            onChange={(next) => setActions(next)}
            errors={actionErrors}
          />
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
