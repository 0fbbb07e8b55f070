// Create or edit a saved view (V1): filters on any field (custom fields too) in all/any/none
// groups, columns, sort, personal or shared (administrators). Shows how many tickets match.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { type Condition, DEFAULT_COLUMNS } from './built-in-views.ts';
import { ColumnPicker } from './column-picker.tsx';
import { GroupEditor } from './condition-editor.tsx';
import {
  fromCondition,
  type GroupNode,
  nodeOfErrorPath,
  type TreeNode,
  toCondition,
  treeComplete,
  updateNode,
} from './condition-tree.ts';
import { fieldCatalog, fieldLabel, findField } from './ticket-field-catalog.ts';
import { countOf, formatCount, type SavedView, useCustomFieldDefs, useTicketCounts } from './view-data.ts';
import { clearViewDraft, peekViewDraft, type ViewDraft } from './view-draft.ts';

const editorRoute = getRouteApi('/app/views/edit');

interface SortKey {
  field: string;
  desc: boolean;
}

function parseSortText(sort: string): SortKey[] {
  return sort
    .split(',')
    .filter(Boolean)
    .map((p) => ({ field: p.replace(/^[-+]/, ''), desc: p.startsWith('-') }));
}

function ViewForm({ initial, existing }: { initial: ViewDraft & { shared: boolean }; existing?: SavedView }) {
  const { t, i18n } = useTranslation('ticketsList');
  const { agent } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = useFormat();
  const defs = useCustomFieldDefs().data;
  const fields = useMemo(() => fieldCatalog(defs), [defs]);
  const [name, setName] = useState(initial.name ?? '');
  const [tree, setTree] = useState<GroupNode>(() => fromCondition(initial.condition));
  const [columns, setColumns] = useState<string[]>(
    initial.columns.length ? initial.columns : DEFAULT_COLUMNS,
  );
  const [sortKeys, setSortKeys] = useState<SortKey[]>(() => parseSortText(initial.sort));
  const [shared, setShared] = useState(initial.shared);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const { condition, paths } = useMemo(() => toCondition(tree), [tree]);
  const complete = treeComplete(tree);
  const [previewCondition] = useDebouncedValue(complete ? condition : null, 400);
  const preview = useTicketCounts(
    { filters: previewCondition ? { preview: previewCondition } : {} },
    previewCondition !== null,
  );

  const previewCount = countOf(preview.data, 'preview');

  const change = (id: string, replace: (n: TreeNode) => TreeNode | null) => {
    setTree((root) => updateNode(root, id, replace));
    setErrors((e) => {
      if (!e.has(id)) return e;
      const next = new Map(e);
      next.delete(id);
      return next;
    });
  };

  const sortable = fields.filter((f) => f.sortable);
  const sortText = sortKeys.map((k) => `${k.desc ? '-' : ''}${k.field}`).join(',');

  const save = async () => {
    setProblem(null);
    setNameError(null);
    if (!name.trim()) {
      setNameError(t('editor.nameRequired'));
      return;
    }
    if (!complete) {
      setProblem(t('editor.incomplete'));
      return;
    }
    setSaving(true);
    const body = { name: name.trim(), condition, columns, sort: sortText || '-updatedAt', shared };
    try {
      const saved = existing
        ? unwrap(await api.PATCH('/api/v1/views/{id}', { params: { path: { id: existing.id } }, body }))
        : unwrap(await api.POST('/api/v1/views', { body }));
      localStorage.removeItem(`caseway.list.columns.${saved.id}`);
      await queryClient.invalidateQueries({ queryKey: ['views'] });
      void navigate({ to: '/', search: { view: saved.id } });
    } catch (err) {
      if (err instanceof ApiError) {
        const byNode = new Map<string, string>();
        for (const e of err.problem.errors ?? []) {
          if (e.field === 'body/name') setNameError(e.message);
          const node = nodeOfErrorPath(paths, e.field);
          if (node && !byNode.has(node)) byNode.set(node, e.message);
        }
        setErrors(byNode);
        setProblem(err.message);
      } else setProblem(t('editor.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!existing) return;
    try {
      unwrap(await api.DELETE('/api/v1/views/{id}', { params: { path: { id: existing.id } } }));
      await queryClient.invalidateQueries({ queryKey: ['views'] });
      void navigate({ to: '/', search: {} });
    } catch (err) {
      setConfirmDelete(false);
      setProblem(err instanceof ApiError ? err.message : t('editor.saveFailed'));
    }
  };

  return (
    <Stack
      gap="sm"
      maw={980}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group justify="space-between" align="center">
        <Title order={2} size="h4">
          {existing ? t('editor.editTitle', { name: existing.name }) : t('editor.newTitle')}
        </Title>
        <Text size="sm" c="gray.7" aria-live="polite">
          {previewCondition === null
            ? t('editor.previewIncomplete')
            : previewCount !== undefined
              ? t('editor.preview', { count: previewCount.n, formatted: formatCount(format, previewCount) })
              : ' '}
        </Text>
      </Group>

      {problem && (
        <Alert color="red" role="alert" title={t('editor.notSaved')}>
          {problem}
        </Alert>
      )}

      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group align="flex-end" gap="md">
            <TextInput
              label={t('editor.name')}
              withAsterisk
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              w={360}
              data-autofocus
            />
            <Switch
              label={t('editor.shared')}
              description={agent?.admin ? t('editor.sharedHint') : t('editor.sharedAdminsOnly')}
              checked={shared}
              disabled={!agent?.admin}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="sm">
        <Text fw={600} size="sm" mb="xs" component="h3" m={0}>
          {t('editor.filters')}
        </Text>
        <GroupEditor group={tree} fields={fields} errors={errors} onChange={change} />
      </Paper>

      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} size="sm" component="h3" m={0}>
              {t('columns.title')}
            </Text>
            <ColumnPicker
              fields={fields}
              value={columns}
              onChange={(c) => setColumns(c ?? DEFAULT_COLUMNS)}
              customized={false}
            />
          </Group>
          <Group gap={4}>
            {columns.map((c) => {
              const field = findField(c, defs);
              return (
                <Badge
                  key={c}
                  variant="light"
                  color="gray.8"
                  tt="none"
                  radius="sm"
                  styles={{ label: { color: 'var(--mantine-color-text)' } }}
                >
                  {field ? fieldLabel(field, t, i18n.language) : c}
                </Badge>
              );
            })}
          </Group>
          <Group gap="md" align="flex-end">
            {[0, 1].map((i) => {
              const key = sortKeys[i];
              if (i === 1 && !sortKeys[0]) return null;
              return (
                <Group key={i} gap={6} align="flex-end">
                  <Select
                    label={i === 0 ? t('editor.sortBy') : t('editor.thenBy')}
                    w={220}
                    clearable={i === 1}
                    allowDeselect={i === 1}
                    data={sortable
                      .filter((f) => !sortKeys.some((k, j) => j !== i && k.field === f.name))
                      .map((f) => ({ value: f.name, label: fieldLabel(f, t, i18n.language) }))}
                    value={key?.field ?? null}
                    onChange={(field) =>
                      setSortKeys((keys) => {
                        const next = [...keys];
                        if (!field) return next.slice(0, i);
                        next[i] = { field, desc: key?.desc ?? true };
                        return next;
                      })
                    }
                  />
                  {key && (
                    <SegmentedControl
                      size="xs"
                      aria-label={t('editor.direction')}
                      data={[
                        { value: 'asc', label: t('editor.ascending') },
                        { value: 'desc', label: t('editor.descending') },
                      ]}
                      value={key.desc ? 'desc' : 'asc'}
                      onChange={(v) =>
                        setSortKeys((keys) =>
                          keys.map((k, j) => (j === i ? { ...k, desc: v === 'desc' } : k)),
                        )
                      }
                    />
                  )}
                </Group>
              );
            })}
          </Group>
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Group gap="xs">
          <Button type="submit" size="sm" loading={saving}>
            {t('action.save')}
          </Button>
          <Button
            variant="default"
            size="sm"
            onClick={() => void navigate({ to: '/', search: existing ? { view: existing.id } : {} })}
          >
            {t('action.cancel')}
          </Button>
        </Group>
        {existing?.editable && (
          <Button variant="subtle" color="red" size="sm" onClick={() => setConfirmDelete(true)}>
            {t('action.delete')}
          </Button>
        )}
      </Group>

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('editor.deleteTitle')}>
        <Text size="sm">{t('editor.deleteBody', { name: existing?.name ?? '' })}</Text>
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

export function ViewEditorPage(): ReactElement {
  const { t } = useTranslation('ticketsList');
  const { id } = editorRoute.useSearch();
  const view = useQuery({
    queryKey: ['views', id],
    enabled: Boolean(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/views/{id}', { params: { path: { id: id! } } })),
    staleTime: 0,
  });
  const [draft] = useState(() => (id ? null : peekViewDraft()));
  useEffect(() => clearViewDraft(), []);
  const defs = useCustomFieldDefs();

  if (id && view.isError)
    return (
      <Alert color="red" role="alert">
        {view.error instanceof ApiError ? view.error.message : t('editor.notFound')}
      </Alert>
    );
  if ((id && !view.data) || defs.isPending) return <Loader size="sm" aria-label={t('list.loading')} />;
  if (view.data && !view.data.editable)
    return (
      <Alert color="yellow" role="alert">
        {t('editor.readOnly')}
      </Alert>
    );
  const initial = view.data
    ? {
        name: view.data.name,
        condition: view.data.condition as Condition,
        sort: view.data.sort,
        columns: view.data.columns,
        shared: view.data.shared,
      }
    : {
        condition: draft?.condition ?? ({ all: [{ field: 'isOpen', op: 'eq', value: true }] } as Condition),
        sort: draft?.sort ?? '-updatedAt',
        columns: draft?.columns ?? DEFAULT_COLUMNS,
        shared: false,
      };
  return <ViewForm key={id ?? 'new'} initial={initial} {...(view.data ? { existing: view.data } : {})} />;
}
