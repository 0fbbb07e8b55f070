// The agents offered as a ticket's owner, in the order they are most often chosen: the signed-in agent
// first, then members of the ticket's group, then everyone else by name in the agent's language.
import type { ComboboxItem } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents, useGroups } from './reference-data.ts';
import { useSession } from './session.tsx';

interface Named {
  id: string;
  name: string;
  active: boolean;
}

/** Pure ordering, for the hook below: me, then the groups' members, then the rest, each by name. */
export function orderOwners<A extends Named>(
  agents: readonly A[],
  opts: { me?: string | null; members: ReadonlySet<string>; locale: string; current?: string | null },
): A[] {
  const collator = new Intl.Collator(opts.locale, { sensitivity: 'base', numeric: true });
  const rank = (a: A) => (a.id === opts.me ? 0 : opts.members.has(a.id) ? 1 : 2);
  return agents
    .filter((a) => a.active || a.id === opts.current)
    .sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name));
}

export function useOwnerOptions({
  current = null,
  groupIds = [],
}: {
  /** The owner now, kept in the list even if no longer active. */
  current?: string | null;
  /** The ticket's group(s): their members come right after "me". */
  groupIds?: ReadonlyArray<string | null | undefined>;
}): ComboboxItem[] {
  const { t, i18n } = useTranslation();
  const { agent } = useSession();
  const agents = useAgents().data ?? [];
  const groups = useGroups().data ?? [];
  const wanted = new Set(groupIds.filter(Boolean));
  const members = new Set(groups.filter((g) => wanted.has(g.id)).flatMap((g) => g.memberIds));
  return orderOwners(agents, { me: agent?.id, members, locale: i18n.language, current }).map((a) => ({
    value: a.id,
    label: a.id === agent?.id ? t('ownerPicker.me', { name: a.name }) : a.name,
  }));
}
