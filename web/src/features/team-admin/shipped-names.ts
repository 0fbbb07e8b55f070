// The shipped roles and profiles (server/src/modules/directory/schema.ts SHIPPED) show their names
// and descriptions in the agent's language until an administrator renames them.
import type { TFunction } from 'i18next';

const SHIPPED_NAMES: Record<string, { key: string; name: string }> = {
  '00000000-0000-4000-8000-0000000000a1': { key: 'administratorProfile', name: 'Administrator' },
  '00000000-0000-4000-8000-0000000000a2': { key: 'supportManagerProfile', name: 'Support manager' },
  '00000000-0000-4000-8000-0000000000a3': { key: 'agentProfile', name: 'Agent' },
  '00000000-0000-4000-8000-0000000000a4': { key: 'readOnlyProfile', name: 'Read-only' },
  '00000000-0000-4000-8000-0000000000b1': { key: 'administratorRole', name: 'Administrator' },
  '00000000-0000-4000-8000-0000000000b2': { key: 'supportManagerRole', name: 'Support manager' },
  '00000000-0000-4000-8000-0000000000b3': { key: 'agentRole', name: 'Agent' },
};

export const SHIPPED_ADMINISTRATOR_PROFILE = '00000000-0000-4000-8000-0000000000a1';

type Named = { id: string; name: string };

/** A role's or profile's name as the agent reads it. */
export function shippedName(record: Named, t: TFunction<'teamAdmin'>): string {
  const shipped = SHIPPED_NAMES[record.id];
  return shipped && shipped.name === record.name ? t(`shipped.${shipped.key}.name`) : record.name;
}

/** A shipped record's description, translated while its name is the shipped one. */
export function shippedDescription(
  record: Named & { description: string },
  t: TFunction<'teamAdmin'>,
): string {
  const shipped = SHIPPED_NAMES[record.id];
  return shipped && shipped.name === record.name
    ? t(`shipped.${shipped.key}.description`)
    : record.description;
}
