// Checks that the calendars, agents and groups a policy points at exist, in one round trip. Run
// inside the policy's transaction: the calendars are locked FOR SHARE, so a calendar cannot be
// deleted between this check and the commit (its delete locks it FOR UPDATE, then looks for users).
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { FieldError } from '../../platform/errors.ts';
import { missingRecords } from '../../platform/references.ts';
import type { PolicyReferences } from './policy-shapes.ts';

/** The problems found, each at every path that names the missing record; empty when all is well. */
export function checkPolicyReferences(db: Db, refs: PolicyReferences): Promise<FieldError[]> {
  return missingRecords(db, [
    { table: sql`sla_calendars`, ids: refs.calendars, missing: 'is not a calendar', lock: true },
    {
      table: sql`agents`,
      ids: refs.agents,
      missing: 'is not an agent',
      inactive: 'this agent is deactivated',
    },
    { table: sql`groups`, ids: refs.groups, missing: 'is not a group' },
  ]);
}
