// Choices the Team screens offer in their selects: roles indented by the reports-to tree (shipped
// names translated), agents, groups and departments by name in the agent's language.
import type { ComboboxItem, ComboboxLikeRenderOptionInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shippedName } from './shipped-names.ts';
import {
  type Department,
  type Role,
  type TeamAgent,
  type TeamGroup,
  useDepartments,
  useProfiles,
  useRoles,
  useTeamAgents,
  useTeamGroups,
} from './team-data.ts';
import { treeRows } from './tree-rows.ts';

/** Options of a tree (roles, departments): plain labels, indented in the open list by their depth. */
export interface TreeOptions {
  data: ComboboxItem[];
  renderOption: (input: ComboboxLikeRenderOptionInput<ComboboxItem>) => ReactNode;
}

function treeOptions(rows: ReadonlyArray<{ id: string; label: string; depth: number }>): TreeOptions {
  const depth = new Map(rows.map((r) => [r.id, r.depth]));
  return {
    data: rows.map((r) => ({ value: r.id, label: r.label })),
    renderOption: ({ option }) => (
      <span style={{ paddingInlineStart: `${(depth.get(option.value) ?? 0) * 16}px` }}>{option.label}</span>
    ),
  };
}

export function useCollate(): (a: string, b: string) => number {
  const { i18n } = useTranslation();
  const collator = new Intl.Collator(i18n.language);
  return (a, b) => collator.compare(a, b);
}

export function useRoleOptions(exclude?: ReadonlySet<string>): TreeOptions {
  const { t } = useTranslation('teamAdmin');
  const collate = useCollate();
  const roles = useRoles().data ?? [];
  return treeOptions(
    treeRows(roles, collate)
      .filter((r) => !exclude?.has(r.node.id))
      .map((r) => ({ id: r.node.id, label: shippedName(r.node, t), depth: r.depth })),
  );
}

export function useProfileOptions(): ComboboxItem[] {
  const { t } = useTranslation('teamAdmin');
  const collate = useCollate();
  return [...(useProfiles().data ?? [])]
    .map((p) => ({ value: p.id, label: shippedName(p, t) }))
    .sort((a, b) => collate(a.label, b.label));
}

const byName =
  (collate: (a: string, b: string) => number) =>
  <T extends { id: string; name: string }>(items: readonly T[]): ComboboxItem[] =>
    [...items].sort((a, b) => collate(a.name, b.name)).map((x) => ({ value: x.id, label: x.name }));

export function useAgentOptions(activeOnly = true): ComboboxItem[] {
  const agents = useTeamAgents().data ?? [];
  return byName(useCollate())(agents.filter((a: TeamAgent) => !activeOnly || a.active));
}

export function useGroupOptions(): ComboboxItem[] {
  return byName(useCollate())(useTeamGroups().data ?? ([] as TeamGroup[]));
}

/** Departments indented under their parents. */
export function useDepartmentOptions(exclude?: ReadonlySet<string>): TreeOptions {
  const departments: Department[] = useDepartments().data ?? [];
  return treeOptions(
    treeRows(departments, useCollate())
      .filter((r) => !exclude?.has(r.node.id))
      .map((r) => ({ id: r.node.id, label: r.node.name, depth: r.depth })),
  );
}

/** Names by id, for table cells. */
export function namesOf(
  ids: readonly string[] | undefined,
  items: ReadonlyArray<{ id: string; name: string }>,
) {
  const byId = new Map(items.map((x) => [x.id, x.name]));
  return (ids ?? []).map((id) => byId.get(id)).filter((n): n is string => Boolean(n));
}

export type { Role };
