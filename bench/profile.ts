// Where the app's own process spends CPU while it serves a load: the V8 sampling profiler through
// the inspector, summarized by package (or our source file) and by function, self time only.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface ProfileSummary {
  /** Sampled CPU time, in ms, idle excluded. */
  busyMs: number;
  byArea: Array<{ area: string; ms: number; share: number }>;
  byFunction: Array<{ fn: string; ms: number; share: number }>;
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const src = url.indexOf('/server/src/');
  if (src >= 0) return `caseway ${url.slice(src + '/server/src/'.length)}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const src = url.indexOf('/server/src/');
  if (src >= 0) return url.slice(src + '/server/src/'.length);
  return url.replace(/^file:\/\//, '');
}

/** Profiles this process while `work` runs. */
export async function profileWhile(work: () => Promise<void>): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    // The whole profile, for a closer look in a profile viewer (Chrome DevTools, speedscope).
    if (process.env.BENCH_PROFILE_FILE)
      writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
    const selfUs = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i]!;
      selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
    }
    const areas = new Map<string, number>();
    const functions = new Map<string, number>();
    let busyUs = 0;
    for (const node of profile.nodes) {
      const us = selfUs.get(node.id) ?? 0;
      if (!us) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') continue;
      busyUs += us;
      const area = areaOf(url, functionName);
      areas.set(area, (areas.get(area) ?? 0) + us);
      const fn = url
        ? `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`
        : functionName || '(native)';
      functions.set(fn, (functions.get(fn) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, us]) => ({
          k,
          ms: Math.round(us / 1000),
          share: Math.round((us / Math.max(busyUs, 1)) * 1000) / 10,
        }));
    return {
      busyMs: Math.round(busyUs / 1000),
      byArea: top(areas, 14).map(({ k, ms, share }) => ({ area: k, ms, share })),
      byFunction: top(functions, 14).map(({ k, ms, share }) => ({ fn: k, ms, share })),
    };
  } finally {
    await session.post('Profiler.disable').catch(() => {});
    session.disconnect();
  }
}
