// The fields a set of conditions reads: what a snapshot must hold, what a change must touch.
import type { Condition } from './types.ts';

export function fieldsOf(conditions: readonly (Condition | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  const walk = (c: Condition | null | undefined): void => {
    if (!c) return;
    if ('all' in c) for (const x of c.all) walk(x);
    else if ('any' in c) for (const x of c.any) walk(x);
    else if ('not' in c) walk(c.not);
    else out.add(c.field);
  };
  for (const c of conditions) walk(c);
  return out;
}
