// Administration → Automation → Rules: every rule in the order it runs (drag a row, or its move
// buttons, to change the order), its trigger in words, department, on/off switch and when it last
// matched a ticket; a filter by trigger kind and the way to a new rule and to the run log.
import {
  closestCenter,
  DndContext,
  type DragCancelEvent,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Alert,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { RouterButton } from '../sla-admin/sla-admin-frame.tsx';
import { triggerKind, useTriggerWords } from './rule-words.ts';
import {
  type Rule,
  ruleDescription,
  ruleName,
  useDepartments,
  useRuleRefresh,
  useRules,
} from './rules-data.ts';
import { RulesFrame } from './rules-frame.tsx';

export function RulesPage(): ReactElement {
  return (
    <RulesFrame>
      <Rules />
    </RulesFrame>
  );
}

type KindFilter = 'all' | 'event' | 'time';

interface RowProps {
  rule: Rule;
  index: number;
  count: number;
  reorderable: boolean;
  onMove: (from: number, to: number) => void;
  onActive: (rule: Rule, active: boolean) => void;
}

/** The latest run (matched or not, how long ago) and, when that one did not match, the last match. */
function LastRun({ rule }: { rule: Rule }): ReactElement {
  const { t } = useTranslation(['rules', 'ruleTemplates']);
  const format = useFormat();
  const run = rule.lastRun;
  if (!run)
    return (
      <Text size="sm" c="gray.7">
        {t('list.neverRun')}
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm" title={format.dateTime(run.at)} c={run.matched ? undefined : 'gray.7'}>
        {run.matched
          ? t('list.matchedAgo', { ago: format.ago(run.at) })
          : t('list.notMatchedAgo', { ago: format.ago(run.at) })}
      </Text>
      {!run.matched && (
        <Text size="xs" c="gray.7" title={format.dateTime(rule.lastMatchedAt)}>
          {rule.lastMatchedAt
            ? t('list.lastMatched', { ago: format.ago(rule.lastMatchedAt) })
            : t('list.neverMatched')}
        </Text>
      )}
    </Stack>
  );
}

function RuleRow({ rule, index, count, reorderable, onMove, onActive }: RowProps): ReactElement {
  const { t } = useTranslation(['rules', 'ruleTemplates']);
  const triggerWords = useTriggerWords();
  const departments = useDepartments().data;
  const name = ruleName(rule, t);
  const description = ruleDescription(rule, t);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: rule.id, disabled: !reorderable });
  const department = rule.departmentId
    ? (departments?.find((d) => d.id === rule.departmentId)?.name ?? '…')
    : t('list.allDepartments');
  return (
    <Table.Tr
      ref={setNodeRef}
      data-rule={rule.id}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
        background: isDragging ? 'var(--mantine-color-gray-1)' : undefined,
      }}
    >
      <Table.Td w={104}>
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray.8"
            disabled={!reorderable}
            aria-label={t('list.drag', { name })}
            style={{ cursor: reorderable ? 'grab' : undefined, touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            disabled={!reorderable || index === 0}
            aria-label={t('list.moveUp', { name })}
            onClick={() => onMove(index, index - 1)}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            disabled={!reorderable || index === count - 1}
            aria-label={t('list.moveDown', { name })}
            onClick={() => onMove(index, index + 1)}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
        </Group>
      </Table.Td>
      <Table.Td>
        <RouterAnchor to="/admin/automation/rules/$ruleId" params={{ ruleId: rule.id }} size="sm" fw={600}>
          {name}
        </RouterAnchor>
        {description && (
          <Text size="xs" c="gray.7" lineClamp={2}>
            {description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{triggerWords(rule.trigger)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{department}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('list.activeNamed', { name })}
          checked={rule.active}
          onChange={(e) => onActive(rule, e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <LastRun rule={rule} />
      </Table.Td>
    </Table.Tr>
  );
}

function Rules(): ReactElement {
  const { t } = useTranslation(['rules', 'ruleTemplates']);
  const rules = useRules();
  const refresh = useRuleRefresh();
  const [order, setOrder] = useState<Rule[]>([]);
  const [kind, setKind] = useState<KindFilter>('all');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  useEffect(() => {
    if (rules.data) setOrder(rules.data);
  }, [rules.data]);

  const shown = kind === 'all' ? order : order.filter((r) => triggerKind(r.trigger) === kind);
  const reorderable = kind === 'all' && !saving;

  const move = async (from: number, to: number) => {
    if (to < 0 || to >= order.length || from === to) return;
    const next = arrayMove(order, from, to);
    setOrder(next);
    setProblem(null);
    setSaving(true);
    try {
      unwrap(await api.PUT('/api/v1/rules/order', { body: { ids: next.map((r) => r.id) } }));
    } catch (err) {
      setProblem(messageOf(err, t('error.order')));
    } finally {
      setSaving(false);
      await refresh();
    }
  };

  // What screen readers hear while a row is dragged, in the agent's language (not dnd-kit's English).
  const nameOf = (id: UniqueIdentifier | undefined) => {
    const rule = order.find((r) => r.id === id);
    return rule ? ruleName(rule, t) : '';
  };
  const positionOf = (id: UniqueIdentifier | undefined) => order.findIndex((r) => r.id === id) + 1;
  const accessibility = {
    screenReaderInstructions: { draggable: t('list.dragInstructions') },
    announcements: {
      onDragStart: ({ active }: DragStartEvent) => t('list.dragStarted', { name: nameOf(active.id) }),
      onDragOver: ({ active, over }: DragOverEvent) =>
        over ? t('list.dragOver', { name: nameOf(active.id), place: positionOf(over.id) }) : undefined,
      onDragEnd: ({ active, over }: DragEndEvent) =>
        over
          ? t('list.dragEnded', { name: nameOf(active.id), place: positionOf(over.id) })
          : t('list.dragCancelled', { name: nameOf(active.id) }),
      onDragCancel: ({ active }: DragCancelEvent) => t('list.dragCancelled', { name: nameOf(active.id) }),
    },
  };

  const onDragEnd = (event: DragEndEvent) => {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const from = order.findIndex((r) => r.id === active.id);
    const to = order.findIndex((r) => r.id === over.id);
    if (from >= 0 && to >= 0) void move(from, to);
  };

  const setActive = async (rule: Rule, active: boolean) => {
    setProblem(null);
    try {
      unwrap(
        await api.PATCH('/api/v1/rules/{id}', {
          params: { path: { id: rule.id } },
          body: { version: rule.version, active },
        }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 409)
        setProblem(t('error.conflictSwitch', { name: ruleName(rule, t) }));
      else setProblem(messageOf(err, t('error.save')));
    }
    await refresh();
  };

  return (
    <Stack gap="sm" maw={1200}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Group gap="xs">
          <RouterButton to="/admin/automation/rules/runs" variant="default">
            {t('list.runLog')}
          </RouterButton>
          <RouterButton to="/admin/automation/rules/$ruleId" params={{ ruleId: 'new' }}>
            {t('list.new')}
          </RouterButton>
        </Group>
      </Group>
      <Text size="sm" c="gray.7">
        {t('intro')}
      </Text>
      <Group gap="sm" align="center">
        <SegmentedControl
          aria-label={t('list.filter')}
          value={kind}
          onChange={(v) => setKind(v as KindFilter)}
          data={[
            { value: 'all', label: t('list.kind.all') },
            { value: 'event', label: t('list.kind.event') },
            { value: 'time', label: t('list.kind.time') },
          ]}
        />
        {kind !== 'all' && (
          <Text size="xs" c="gray.7">
            {t('list.orderOnlyAll')}
          </Text>
        )}
      </Group>
      {rules.error ? (
        <Alert color="red" role="alert">
          {messageOf(rules.error, t('error.load'))}
        </Alert>
      ) : null}
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {rules.isPending && <Loading />}
      {rules.data && shown.length === 0 && (
        <Text size="sm" c="gray.7">
          {order.length === 0 ? t('list.empty') : t('list.emptyKind')}
        </Text>
      )}
      {shown.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <DndContext
              sensors={sensors}
              collisionDetection={closestCenter}
              onDragEnd={onDragEnd}
              accessibility={accessibility}
            >
              <SortableContext items={shown.map((r) => r.id)} strategy={verticalListSortingStrategy}>
                <Table verticalSpacing="xs" aria-label={t('list.tableLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('column.order')}</Table.Th>
                      <Table.Th>{t('column.name')}</Table.Th>
                      <Table.Th>{t('column.trigger')}</Table.Th>
                      <Table.Th>{t('column.department')}</Table.Th>
                      <Table.Th>{t('column.active')}</Table.Th>
                      <Table.Th>{t('column.lastRun')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((rule) => (
                      <RuleRow
                        key={rule.id}
                        rule={rule}
                        index={order.indexOf(rule)}
                        count={order.length}
                        reorderable={reorderable}
                        onMove={(from, to) => void move(from, to)}
                        onActive={(r, active) => void setActive(r, active)}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </SortableContext>
            </DndContext>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
