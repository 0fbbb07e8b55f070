// Escalation levels of a policy: each starts a number of minutes after a breach (0 = at the breach)
// of the chosen clocks (all when none is chosen) and runs its actions — notify the owner, the group,
// an agent or the account manager, reassign to an agent or group, raise the priority.
import { ActionIcon, Button, Chip, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useGroups } from '../../app/reference-data.ts';
import { formatDuration, parseDuration } from './duration.ts';
import {
  ACTION_KINDS,
  type ActionDraft,
  type ActionKind,
  type LevelDraft,
  newAction,
  newKey,
} from './policy-draft.ts';
import { type FieldErrors, SLA_METRICS, type SlaMetric } from './sla-data.ts';

/** The server's limits (server/src/modules/sla/policy-shapes.ts). */
const MAX_LEVELS = 5;
const MAX_ACTIONS = 10;

interface EscalationLevelsProps {
  value: LevelDraft[];
  onChange: (value: LevelDraft[]) => void;
  errors: FieldErrors;
}

export function EscalationLevels({ value, onChange, errors }: EscalationLevelsProps): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const agents = useAgents().data ?? [];
  const groups = useGroups().data ?? [];
  const agentOptions = agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }));
  const groupOptions = groups.map((g) => ({ value: g.id, label: g.name }));
  const setLevel = (i: number, level: LevelDraft) => onChange(value.map((l, j) => (j === i ? level : l)));

  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('escalation.none')}
        </Text>
      )}
      {errors.get('escalations') && (
        <Text size="xs" c="red" role="alert">
          {errors.get('escalations')}
        </Text>
      )}
      {value.map((level, i) => {
        const at = `escalations/${i}`;
        const n = i + 1;
        const setAction = (j: number, action: ActionDraft) =>
          setLevel(i, { ...level, actions: level.actions.map((a, k) => (k === j ? action : a)) });
        return (
          <Paper
            key={level.key}
            withBorder
            p="xs"
            bg="gray.0"
            role="group"
            aria-label={t('escalation.level', { n })}
          >
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {t('escalation.level', { n })}
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                >
                  {t('escalation.removeLevel', { n })}
                </Button>
              </Group>
              {errors.get(at) && (
                <Text size="xs" c="red" role="alert">
                  {errors.get(at)}
                </Text>
              )}
              <Group gap="md" align="flex-start">
                <TextInput
                  size="xs"
                  w={200}
                  label={t('escalation.after')}
                  description={t('escalation.afterHint')}
                  value={level.afterText}
                  error={errors.get(`${at}/afterMinutes`)}
                  onChange={(e) => setLevel(i, { ...level, afterText: e.currentTarget.value })}
                  onBlur={() => {
                    const minutes = parseDuration(level.afterText);
                    if (typeof minutes === 'number' && minutes > 0)
                      setLevel(i, { ...level, afterText: formatDuration(minutes, t) });
                  }}
                />
                <Stack gap={4}>
                  <Text size="xs" fw={500}>
                    {t('escalation.metrics')}
                  </Text>
                  <Chip.Group
                    multiple
                    value={level.metrics}
                    onChange={(metrics) => setLevel(i, { ...level, metrics: metrics as SlaMetric[] })}
                  >
                    <Group gap={4}>
                      {SLA_METRICS.map((m) => (
                        <Chip key={m} value={m} size="xs">
                          {t(`metric.${m}`)}
                        </Chip>
                      ))}
                    </Group>
                  </Chip.Group>
                  <Text size="xs" c={errors.get(`${at}/metrics`) ? 'red' : 'dimmed'}>
                    {errors.get(`${at}/metrics`) ?? t('escalation.metricsHint')}
                  </Text>
                </Stack>
              </Group>
              <Text size="xs" fw={500}>
                {t('escalation.actions')}
              </Text>
              {errors.get(`${at}/actions`) && (
                <Text size="xs" c="red" role="alert">
                  {errors.get(`${at}/actions`)}
                </Text>
              )}
              {level.actions.map((action, j) => {
                const ap = `${at}/actions/${j}`;
                const needsAgent = action.kind === 'notify_agent' || action.kind === 'reassign';
                const needsGroup = action.kind === 'reassign';
                const actionProblem =
                  errors.get(ap) ?? errors.get(`${ap}/type`) ?? errors.get(`${ap}/recipient`);
                return (
                  <Stack key={action.key} gap={2}>
                    <Group gap={6} align="flex-start" wrap="nowrap">
                      <Select
                        size="xs"
                        w={260}
                        aria-label={t('escalation.actionOf', { n, m: j + 1 })}
                        data={ACTION_KINDS.map((k) => ({ value: k, label: t(`escalation.kind.${k}`) }))}
                        value={action.kind}
                        allowDeselect={false}
                        onChange={(kind) =>
                          kind &&
                          setAction(j, {
                            ...action,
                            kind: kind as ActionKind,
                            agentId: kind === 'notify_agent' || kind === 'reassign' ? action.agentId : null,
                            groupId: kind === 'reassign' ? action.groupId : null,
                          })
                        }
                        comboboxProps={{ withinPortal: true }}
                      />
                      {needsAgent && (
                        <Select
                          size="xs"
                          w={220}
                          searchable
                          clearable={action.kind === 'reassign'}
                          aria-label={t('escalation.agentOf', { n, m: j + 1 })}
                          placeholder={t('escalation.chooseAgent')}
                          data={agentOptions}
                          value={action.agentId}
                          error={errors.get(`${ap}/agentId`)}
                          onChange={(agentId) => setAction(j, { ...action, agentId })}
                          comboboxProps={{ withinPortal: true }}
                        />
                      )}
                      {needsGroup && (
                        <Select
                          size="xs"
                          w={220}
                          searchable
                          clearable
                          aria-label={t('escalation.groupOf', { n, m: j + 1 })}
                          placeholder={t('escalation.chooseGroup')}
                          data={groupOptions}
                          value={action.groupId}
                          error={errors.get(`${ap}/groupId`)}
                          onChange={(groupId) => setAction(j, { ...action, groupId })}
                          comboboxProps={{ withinPortal: true }}
                        />
                      )}
                      <ActionIcon
                        variant="subtle"
                        color="gray.8"
                        mt={2}
                        disabled={level.actions.length === 1}
                        aria-label={t('escalation.removeAction', { n, m: j + 1 })}
                        onClick={() =>
                          setLevel(i, { ...level, actions: level.actions.filter((_, k) => k !== j) })
                        }
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                    {actionProblem && (
                      <Text size="xs" c="red" role="alert">
                        {actionProblem}
                      </Text>
                    )}
                  </Stack>
                );
              })}
              {level.actions.length < MAX_ACTIONS && (
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setLevel(i, { ...level, actions: [...level.actions, newAction()] })}
                  >
                    {t('escalation.addAction')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
      {value.length < MAX_LEVELS && (
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              onChange([
                ...value,
                {
                  key: newKey(),
                  afterText: value.length === 0 ? '0' : formatDuration(60 * 2 ** value.length, t),
                  metrics: [],
                  actions: [newAction()],
                },
              ])
            }
          >
            {t('escalation.addLevel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function escalationsShow(path: string, levels: LevelDraft[]): boolean {
  const m =
    /^escalations(?:\/(\d+)(?:\/(afterMinutes|metrics|actions)(?:\/(\d+)(?:\/(type|recipient|agentId|groupId))?)?)?)?$/.exec(
      path,
    );
  if (!m) return false;
  if (m[1] === undefined) return true;
  const level = levels[Number(m[1])];
  if (!level) return false;
  return m[3] === undefined || Boolean(level.actions[Number(m[3])]);
}
