// Latency summaries: nearest-rank percentiles over every recorded sample (no histogram rounding).
export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
  };
}

/** Milliseconds, rounded for the report and BENCH_JSON. */
export function roundMs(p: Percentiles): Percentiles {
  const r = (v: number) => Math.round(v * 100) / 100;
  return { count: p.count, mean: r(p.mean), p50: r(p.p50), p95: r(p.p95), p99: r(p.p99), max: r(p.max) };
}
