// The organisation-wide access settings (app_settings key 'access'), read by loadOrg.
import type { Ctx } from '../../platform/context.ts';
import { appSettings } from '../../platform/schema.ts';
import { assertAdmin } from '../access/index.ts';
import { ACCESS_SETTINGS_KEY, type AccessSettings, readAccessSettings } from './org-load.ts';

export async function getAccessSettings(ctx: Ctx): Promise<AccessSettings> {
  assertAdmin(ctx.actor, 'settings');
  return readAccessSettings(ctx.db);
}

export async function saveAccessSettings(ctx: Ctx, input: AccessSettings): Promise<AccessSettings> {
  assertAdmin(ctx.actor, 'settings');
  const value: AccessSettings = { headsSeeSubDepartments: input.headsSeeSubDepartments };
  await ctx.db
    .insert(appSettings)
    .values({ key: ACCESS_SETTINGS_KEY, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } });
  return readAccessSettings(ctx.db);
}
