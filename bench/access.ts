// Who sees what, at scale (issue 9): on top of the seeded world (500 agents, 50 groups, 20
// departments) a six-level role tree, department heads and members, 20 sharing rules and related
// team rows; then a mid-level manager's group-queue list against the same list for an agent who
// sees everything, and the manager's preset view counts.
import type pg from 'pg';
import type { Condition } from '../server/src/modules/conditions/index.ts';
import { SHIPPED } from '../server/src/modules/directory/index.ts';
import { PRESET_VIEWS } from '../server/src/modules/views/index.ts';
import type { Rng } from './random.ts';

export interface BenchOrg {
  /** A regional manager: level 3 of 6, reaching a quarter of the agents through the tree. */
  managerId: string;
  roles: number;
  levels: number;
  departments: number;
  sharingRules: number;
  teamRows: number;
  /** Agents whose tickets the manager reaches through the tree (their subordinates). */
  subordinates: number;
}

/**
 * Level 1 is the shipped Administrator role; 2 a director (Support manager profile: their
 * departments); 3 four regional managers; 4 two team leads each; 5 a senior agent role and 6 an
 * agent role under each lead (Agent profile: A6 rules only). The measuring agent keeps its role.
 */
export async function buildBenchOrg(pool: pg.Pool, rng: Rng, benchAgentId: string): Promise<BenchOrg> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const now = new Date().toISOString();
    let roleCount = 0;
    const role = async (name: string, parentId: string, profileId: string): Promise<string> => {
      const r = await client.query<{ id: string }>(
        'INSERT INTO roles (name, parent_id, created_at) VALUES ($1, $2, $3) RETURNING id',
        [name, parentId, now],
      );
      const id = r.rows[0]!.id;
      await client.query('INSERT INTO role_profiles (role_id, profile_id) VALUES ($1, $2)', [id, profileId]);
      roleCount += 1;
      return id;
    };
    const director = await role('Director', SHIPPED.administratorRole, SHIPPED.supportManagerProfile);
    const managers: string[] = [];
    const leads: string[] = [];
    const seniors: string[] = [];
    const bottoms: string[] = [];
    for (let m = 1; m <= 4; m++) {
      const manager = await role(`Regional manager ${m}`, director, SHIPPED.agentProfile);
      managers.push(manager);
      for (let l = 1; l <= 2; l++) {
        const lead = await role(`Team lead ${m}.${l}`, manager, SHIPPED.agentProfile);
        leads.push(lead);
        const senior = await role(`Senior agent ${m}.${l}`, lead, SHIPPED.agentProfile);
        seniors.push(senior);
        bottoms.push(await role(`Agent ${m}.${l}`, senior, SHIPPED.agentProfile));
      }
    }

    // Agents (but the world's administrator, agent 0) spread over the tree, most at the bottom.
    const agents = (
      await client.query<{ id: string }>(
        'SELECT id FROM agents WHERE NOT admin AND id <> $1 ORDER BY email',
        [benchAgentId],
      )
    ).rows.map((r) => r.id);
    const assign = async (ids: string[], roleId: string) =>
      client.query('UPDATE agents SET role_id = $1 WHERE id = ANY($2::uuid[])', [roleId, ids]);
    const [directorAgent, ...rest] = agents;
    await assign([directorAgent!], director);
    const managerAgents = rest.splice(0, managers.length);
    for (const [i, id] of managerAgents.entries()) await assign([id], managers[i]!);
    const leadAgents = rest.splice(0, leads.length);
    for (const [i, id] of leadAgents.entries()) await assign([id], leads[i]!);
    const seniorAgents = rest.splice(0, seniors.length * 5);
    for (const [i, id] of seniorAgents.entries()) await assign([id], seniors[i % seniors.length]!);
    for (const [i, id] of rest.entries()) await assign([id], bottoms[i % bottoms.length]!);

    // Departments: members are the members of their groups; heads picked among the team leads
    // and senior agents; every fourth department is a sub-department of the one before it.
    const departments = (
      await client.query<{ id: string }>('SELECT id FROM departments ORDER BY name')
    ).rows.map((r) => r.id);
    await client.query(
      `INSERT INTO department_members (department_id, agent_id)
       SELECT DISTINCT g.department_id, m.agent_id FROM groups g JOIN group_members m ON m.group_id = g.id
        WHERE g.department_id IS NOT NULL
       ON CONFLICT DO NOTHING`,
    );
    const heads = [...leadAgents, ...seniorAgents];
    for (const [i, id] of departments.entries()) {
      await client.query('UPDATE departments SET head_agent_id = $1, parent_id = $2 WHERE id = $3', [
        heads[i % heads.length],
        i % 4 === 3 ? departments[i - 1] : null,
        id,
      ]);
    }
    // Heads see their sub-departments: the default setting.

    // Twenty sharing rules between random sources and targets.
    const groups = (await client.query<{ id: string }>('SELECT id FROM groups ORDER BY name')).rows.map(
      (r) => r.id,
    );
    const allRoles = [...managers, ...leads, ...seniors, ...bottoms];
    const sources: Array<() => [string, string]> = [
      () => ['agent', rng.pick(agents)],
      () => ['group', rng.pick(groups)],
      () => ['department', rng.pick(departments)],
      () => ['role_and_subordinates', rng.pick(allRoles)],
    ];
    const targets: Array<() => [string, string]> = [
      () => ['agent', rng.pick(agents)],
      () => ['group', rng.pick(groups)],
      () => ['department', rng.pick(departments)],
      () => ['role', rng.pick(allRoles)],
      () => ['role_and_subordinates', rng.pick(allRoles)],
    ];
    for (let i = 0; i < 20; i++) {
      const [sourceType, sourceId] = rng.pick(sources)();
      const [targetType, targetId] = rng.pick(targets)();
      await client.query(
        `INSERT INTO sharing_rules (source_type, source_id, target_type, target_id, access, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [sourceType, sourceId, targetType, targetId, i % 3 === 0 ? 'read_write' : 'read', now],
      );
    }

    // Related team members: one ticket in fifty gets a colleague.
    const team = await client.query(
      `WITH a AS (SELECT array_agg(id ORDER BY email) AS ids FROM agents)
       INSERT INTO ticket_team (ticket_id, agent_id, access, added_at)
       SELECT t.id, a.ids[1 + ((t.seq / 50) % array_length(a.ids, 1))], 'read', now()
         FROM tickets t, a WHERE t.seq % 50 = 7
       ON CONFLICT DO NOTHING`,
    );
    await client.query('COMMIT');
    await pool.query(
      'ANALYZE roles, role_profiles, agents, departments, department_members, sharing_rules, ticket_team',
    );
    return {
      managerId: managerAgents[0]!,
      roles: roleCount + 1,
      levels: 6,
      departments: departments.length,
      sharingRules: 20,
      teamRows: team.rowCount ?? 0,
      subordinates: 2 + 2 * 5 + Math.ceil(rest.length / 4),
    };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** The org already built on a kept database (BENCH_KEEP_DIR): its manager. */
export async function existingBenchOrg(pool: pg.Pool): Promise<BenchOrg | null> {
  const found = await pool.query<{ id: string }>(
    `SELECT a.id FROM agents a JOIN roles r ON r.id = a.role_id WHERE r.name = 'Regional manager 1' LIMIT 1`,
  );
  if (!found.rows[0]) return null;
  const n = async (q: string) => (await pool.query<{ n: number }>(q)).rows[0]?.n ?? 0;
  return {
    managerId: found.rows[0].id,
    roles: await n('SELECT count(*)::int AS n FROM roles'),
    levels: 6,
    departments: await n('SELECT count(*)::int AS n FROM departments'),
    sharingRules: await n('SELECT count(*)::int AS n FROM sharing_rules'),
    teamRows: await n('SELECT count(*)::int AS n FROM ticket_team'),
    subordinates: 0,
  };
}

/** The preset views counted for the manager: the side bar's live counts. */
export function benchPresets(me: string): Array<{ id: string; condition: Condition | null }> {
  return PRESET_VIEWS.map((v) => ({ id: v.id, condition: v.condition(me) }));
}
