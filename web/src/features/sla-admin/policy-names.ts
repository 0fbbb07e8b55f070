// The seeded default policy shows its name and description in the agent's language until an
// administrator renames it.
import type { TFunction } from 'i18next';
import { type Policy, SEEDED_DEFAULT_DESCRIPTION, SEEDED_DEFAULT_NAME } from './sla-data.ts';

export function policyName(p: Pick<Policy, 'isDefault' | 'name'>, t: TFunction<'slaAdmin'>): string {
  return p.isDefault && p.name === SEEDED_DEFAULT_NAME ? t('policy.defaultName') : p.name;
}

export function policyDescription(
  p: Pick<Policy, 'isDefault' | 'description'>,
  t: TFunction<'slaAdmin'>,
): string {
  return p.isDefault && p.description === SEEDED_DEFAULT_DESCRIPTION
    ? t('policy.defaultDescription')
    : p.description;
}

/** How many field conditions a condition holds. */
export function conditionCount(condition: unknown): number {
  if (!condition || typeof condition !== 'object') return 0;
  const c = condition as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.reduce((n: number, x) => n + conditionCount(x), 0);
  if (Array.isArray(c.any)) return c.any.reduce((n: number, x) => n + conditionCount(x), 0);
  if (c.not) return conditionCount(c.not);
  return typeof c.field === 'string' ? 1 : 0;
}
