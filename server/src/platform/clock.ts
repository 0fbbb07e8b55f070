// Every module reads time from an injected clock, so tests can fix or step it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function manualClock(start: string | Date): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = new Date(iso).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Instant arithmetic lives here so modules never construct dates from ambient time. */
export const addMs = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);

/** Parses an ISO-8601 instant given by a caller; undefined when it is not one. */
export function parseInstant(value: string): Date | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
