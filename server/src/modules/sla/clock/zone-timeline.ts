// Wall clock → instant in an IANA zone, by the contract's rule: local date D and time T map to the
// earliest instant whose local wall-clock reading is ≥ D T. So an ambiguous (fall-back) time takes its
// first occurrence and a time inside a spring-forward gap maps to the end of the gap. Offsets come from
// Luxon (Intl underneath), which is slow, so this runs only when a calendar's day memo is filled.
import { IANAZone } from 'luxon';
import { DAY_SECONDS, parseLocalDate, parseWallTime } from './civil-days.ts';

/** Larger than any UTC offset tzdata has known (about ±16 h): a local day's instants lie within it. */
export const MAX_OFFSET_SECONDS = 18 * 3600;
/** Offsets are sampled on this grid; two offset changes closer together than this would be missed. */
const CELL_SECONDS = 6 * 3600;

export interface ZoneTimeline {
  readonly name: string;
  /** UTC offset in seconds at an instant (epoch seconds). */
  offsetAt(t: number): number;
  /**
   * The earliest instant whose wall-clock reading is ≥ `local`, where `local` counts seconds of the
   * zone's wall clock since 1970-01-01T00:00 local (a local date and time read as if UTC).
   */
  instantOf(local: number): number;
}

/** A timeline of a valid IANA zone (RangeError otherwise) with its own memo of sampled offsets. */
export function zoneTimeline(name: string): ZoneTimeline {
  if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone: ${name}`);
  const zone = IANAZone.create(name);
  const gridOffsets = new Map<number, number>();
  const transitions = new Map<number, number>();

  const offsetAt = (t: number): number => {
    const minutes = zone.offset(t * 1000);
    if (!Number.isFinite(minutes)) throw new RangeError(`no offset for ${name} at ${t}`);
    return Math.round(minutes * 60);
  };

  const gridOffset = (cell: number): number => {
    let o = gridOffsets.get(cell);
    if (o === undefined) {
      o = offsetAt(cell * CELL_SECONDS);
      gridOffsets.set(cell, o);
    }
    return o;
  };

  /** The first second of the cell's second offset (the cell's ends differ, so it changes once inside). */
  const transitionIn = (cell: number, before: number): number => {
    let p = transitions.get(cell);
    if (p === undefined) {
      let lo = cell * CELL_SECONDS;
      let hi = lo + CELL_SECONDS;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetAt(mid) === before) lo = mid;
        else hi = mid;
      }
      p = hi;
      transitions.set(cell, p);
    }
    return p;
  };

  const instantOf = (local: number): number => {
    // Before `local - MAX_OFFSET_SECONDS` every reading is below `local`; walk the offset pieces from
    // there in time order: the first piece holding an instant with reading ≥ local holds the earliest.
    const from = local - MAX_OFFSET_SECONDS;
    const last = Math.floor((local + MAX_OFFSET_SECONDS) / CELL_SECONDS);
    for (let cell = Math.floor(from / CELL_SECONDS); cell <= last; cell++) {
      const cellStart = Math.max(from, cell * CELL_SECONDS);
      const cellEnd = (cell + 1) * CELL_SECONDS;
      const a = gridOffset(cell);
      const b = gridOffset(cell + 1);
      if (a === b) {
        const t = Math.max(cellStart, local - a);
        if (t < cellEnd) return t;
        continue;
      }
      const p = transitionIn(cell, a);
      const t1 = Math.max(cellStart, local - a);
      if (t1 < p) return t1;
      const t2 = Math.max(cellStart, p, local - b);
      if (t2 < cellEnd) return t2;
    }
    throw new RangeError(`no instant in ${name} reads ${local}`);
  };

  return { name, offsetAt, instantOf };
}

/**
 * The instant (epoch seconds) of a local date 'YYYY-MM-DD' and time 'HH:MM' (24:00 allowed) in a zone;
 * RangeError for a bad zone, date or time.
 */
export function wallClockToInstant(timezone: string | ZoneTimeline, date: string, time: string): number {
  const day = parseLocalDate(date);
  const minutes = parseWallTime(time);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  if (minutes === null) throw new RangeError(`not a wall-clock time: ${time}`);
  const zone = typeof timezone === 'string' ? zoneTimeline(timezone) : timezone;
  return zone.instantOf(day * DAY_SECONDS + minutes * 60);
}
