// Picklists and custom-field definitions change rarely and are read by every command and list, so
// each app node keeps them in memory. A change announces itself (NOTIFY) so every node drops its
// copy; a short time-to-live bounds staleness should a notification be missed.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../platform/db.ts';
import { type CustomFieldDef, loadCustomFieldDefs } from './custom-fields.ts';
import { loadPicklists, type Picklists } from './picklists.ts';
import type { ConfigInvalidator } from './ticket-config-change.ts';

export { TICKET_CONFIG_CHANNEL } from './ticket-config-change.ts';

const TTL_MS = 30_000;

export interface TicketConfig {
  lists: Picklists;
  defs: CustomFieldDef[];
}

export interface TicketConfigCache extends ConfigInvalidator {
  get(db: Db): Promise<TicketConfig>;
}

export function createTicketConfigCache(): TicketConfigCache {
  let value: { config: TicketConfig; at: number } | null = null;
  let generation = 0;
  return {
    get: async (db) => {
      if (value && performance.now() - value.at < TTL_MS) return value.config;
      const started = generation;
      const config = { lists: await loadPicklists(db), defs: await loadCustomFieldDefs(db) };
      // A change announced while loading makes this copy stale already: use it once, keep none.
      if (started === generation) value = { config, at: performance.now() };
      return config;
    },
    invalidate: () => {
      generation += 1;
      value = null;
    },
  };
}

export interface ConfigCtx {
  db: Db;
  config?: TicketConfigCache | undefined;
}

/** The current picklists and custom-field definitions, from the node's cache when it has one. */
export async function ticketConfig(ctx: ConfigCtx): Promise<TicketConfig> {
  if (ctx.config) return ctx.config.get(ctx.db);
  return { lists: await loadPicklists(ctx.db), defs: await loadCustomFieldDefs(ctx.db) };
}
