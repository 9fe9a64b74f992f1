/** An axis: maps data values to pixels, with tick positions and labels. */
export interface AxisScale {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  /** Pixel of value `v` between `from` (at min) and `to` (at max). */
  map(v: number, from: number, to: number): number;
  readonly ticks: readonly { value: number; label: string }[];
}

/** A short label: 0.25, 1e-3, 1200 → 1200, 25000 → 2.5e4. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-2 && a < 1e4) return String(Number(v.toPrecision(3)));
  const [m, e] = v.toExponential(1).split('e');
  return `${m!.replace(/\.0$/, '')}e${e!.replace('+', '')}`;
}

/** Ticks at 1, 2 or 5 × 10^k covering [min, max], about `count` of them (Heckbert's nice numbers). */
function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  // Multiples k·step computed from k (not accumulated) and rounded, so 3 × 0.2 prints 0.6.
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) out.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return out;
}

/**
 * A linear or base-10 log scale over the finite (and, for log, positive) values given; a
 * linear scale is widened to nice tick boundaries, a log scale to whole decades.
 */
export function makeScale(values: readonly number[], options: { log?: boolean; ticks?: number; includeZero?: boolean } = {}): AxisScale {
  const log = options.log ?? false;
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let lo = usable.length === 0 ? (log ? 1 : 0) : Math.min(...usable);
  let hi = usable.length === 0 ? (log ? 10 : 1) : Math.max(...usable);
  if (options.includeZero === true && !log) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  if (log) {
    const a = Math.floor(Math.log10(lo));
    let b = Math.ceil(Math.log10(hi));
    if (b === a) b = a + 1;
    const every = Math.max(1, Math.ceil((b - a) / (options.ticks ?? 6)));
    // Few decades: also 2× and 5× each decade, so the axis has enough labelled lines.
    const mantissas = b - a <= 2 ? [1, 2, 5] : [1];
    const ticks = [];
    for (let k = a; k <= b; k += every) {
      for (const m of mantissas) if (k < b || m === 1) ticks.push({ value: m * 10 ** k, label: formatTick(m * 10 ** k) });
    }
    return { min: 10 ** a, max: 10 ** b, log, ticks, map: (v, from, to) => from + ((Math.log10(v) - a) / (b - a)) * (to - from) };
  }
  if (hi === lo) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const t = niceTicks(lo, hi, options.ticks ?? 5);
  const step = t.length > 1 ? t[1]! - t[0]! : hi - lo;
  const min = Math.min(lo, t[0]! > lo ? t[0]! - step : t[0]!);
  const max = Math.max(hi, t[t.length - 1]! < hi ? t[t.length - 1]! + step : t[t.length - 1]!);
  const ticks = niceTicks(min, max, options.ticks ?? 5).map((value) => ({ value, label: formatTick(value) }));
  return { min, max, log, ticks, map: (v, from, to) => from + ((v - min) / (max - min)) * (to - from) };
}
