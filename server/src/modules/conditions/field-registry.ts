// The registry of condition fields: each module registers the fields it owns; `dynamic` resolves
// names that come and go at run time (custom fields) when they are looked up.
import type { FieldDef, FieldRegistry } from './types.ts';

export function createFieldRegistry(
  defs: FieldDef[],
  dynamic?: (name: string) => FieldDef | undefined,
): FieldRegistry {
  const byName = new Map<string, FieldDef>();
  for (const def of defs) {
    if (byName.has(def.name)) throw new Error(`condition field '${def.name}' is registered twice`);
    if (def.type === 'enum' && def.values?.length === 0)
      throw new Error(`enum field '${def.name}' has no values`);
    byName.set(def.name, def);
  }
  const list = [...byName.values()];
  return {
    get: (name) => byName.get(name) ?? dynamic?.(name),
    list: () => [...list],
  };
}
