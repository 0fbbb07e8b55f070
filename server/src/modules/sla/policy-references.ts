// Checks that the calendars, agents and groups a policy points at exist, in one round trip. Run
// inside the policy's transaction: the calendars are locked FOR SHARE, so a calendar cannot be
// deleted between this check and the commit (its delete locks it FOR UPDATE, then looks for users).
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { PolicyReferences } from './policy-shapes.ts';

const idList = (ids: string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The problems found, each at every path that names the missing record; empty when all is well. */
export async function checkPolicyReferences(db: Db, refs: PolicyReferences): Promise<FieldError[]> {
  const calendarIds = [...refs.calendars.keys()];
  const agentIds = [...refs.agents.keys()];
  const groupIds = [...refs.groups.keys()];
  if (!calendarIds.length && !agentIds.length && !groupIds.length) return [];
  const none = sql`'[]'::json`;
  const [row] = await queryRows<{
    calendars: string[];
    agents: { id: string; active: boolean }[];
    groups: string[];
  }>(
    db,
    sql`WITH locked AS (
          SELECT id FROM sla_calendars
          WHERE ${calendarIds.length ? sql`id IN (${idList(calendarIds)})` : sql`FALSE`}
          FOR SHARE
        )
        SELECT
          (SELECT coalesce(json_agg(id), '[]'::json) FROM locked) AS calendars,
          ${
            agentIds.length
              ? sql`(SELECT coalesce(json_agg(json_build_object('id', id, 'active', active)), '[]'::json)
                     FROM agents WHERE id IN (${idList(agentIds)}))`
              : none
          } AS agents,
          ${
            groupIds.length
              ? sql`(SELECT coalesce(json_agg(id), '[]'::json) FROM groups WHERE id IN (${idList(groupIds)}))`
              : none
          } AS groups`,
  );
  const calendars = new Set(row?.calendars ?? []);
  const agents = new Map((row?.agents ?? []).map((a) => [a.id, a.active]));
  const groups = new Set(row?.groups ?? []);
  const errors: FieldError[] = [];
  const report = (paths: string[], message: string) => {
    for (const field of paths) errors.push({ field, message });
  };
  for (const [id, paths] of refs.calendars) if (!calendars.has(id)) report(paths, 'is not a calendar');
  for (const [id, paths] of refs.agents) {
    const active = agents.get(id);
    if (active === undefined) report(paths, 'is not an agent');
    else if (!active) report(paths, 'this agent is deactivated');
  }
  for (const [id, paths] of refs.groups) if (!groups.has(id)) report(paths, 'is not a group');
  return errors.slice(0, 50);
}
