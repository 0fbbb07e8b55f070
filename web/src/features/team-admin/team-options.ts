// Choices the Team screens offer in their selects: roles indented by the reports-to tree (shipped
// names translated), agents, groups and departments by name in the agent's language.
import type { ComboboxItem } from '@mantine/core';
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

/** Indentation that survives in a select's option (plain spaces collapse). */
export const indent = (depth: number): string => '\u2002\u2002'.repeat(depth);

export function useCollate(): (a: string, b: string) => number {
  const { i18n } = useTranslation();
  const collator = new Intl.Collator(i18n.language);
  return (a, b) => collator.compare(a, b);
}

export function useRoleOptions(exclude?: ReadonlySet<string>): ComboboxItem[] {
  const { t } = useTranslation('teamAdmin');
  const collate = useCollate();
  const roles = useRoles().data ?? [];
  return treeRows(roles, collate)
    .filter((r) => !exclude?.has(r.node.id))
    .map((r) => ({ value: r.node.id, label: `${indent(r.depth)}${shippedName(r.node, t)}` }));
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
export function useDepartmentOptions(exclude?: ReadonlySet<string>): ComboboxItem[] {
  const departments: Department[] = useDepartments().data ?? [];
  return treeRows(departments, useCollate())
    .filter((r) => !exclude?.has(r.node.id))
    .map((r) => ({ value: r.node.id, label: `${indent(r.depth)}${r.node.name}` }));
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
