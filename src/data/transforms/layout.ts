import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import type { Tensor } from '../../tensor/index.js';
import { sizeOf } from '../../tensor/index.js';

/** How per-channel or per-feature statistics line up with a batch [N, ...]. */
export interface SampleLayout {
  /** Samples (axis 0). */
  readonly n: number;
  /** Values per sample. */
  readonly row: number;
  /** Number of statistics: channels (axis 1) or features (every value of a sample). */
  readonly groups: number;
  /** Values per channel within one sample (1 for per-feature). */
  readonly inner: number;
}

/** Statistics are per channel (axis 1: `[N, C, ...]`) or per feature (each position of a sample). */
export type StatisticsAxis = 'channel' | 'feature';

export function sampleLayout(op: string, x: Tensor, per: StatisticsAxis): SampleLayout {
  if (x.ndim < 2) {
    throw new ShapeError(`${op}: expected a batch of shape [N, C, ...] or [N, features], got ${formatShape(x.shape)}`, {
      hint: 'add the sample axis first, e.g. x.reshape([1, ...x.shape])',
    });
  }
  const n = x.shape[0]!;
  const row = sizeOf(x.shape.slice(1));
  if (per === 'feature') return { n, row, groups: row, inner: 1 };
  return { n, row, groups: x.shape[1]!, inner: sizeOf(x.shape.slice(2)) };
}

/** Expands a number or per-group list to `groups` values, checking the length. */
export function perGroup(op: string, name: string, value: number | readonly number[], groups: number): Float64Array {
  if (typeof value === 'number') return new Float64Array(groups).fill(value);
  if (value.length !== groups) {
    throw new ConfigError(`${op}: ${name} has ${value.length} values, the data has ${groups} channels (axis 1)`, {
      expected: groups,
      got: value.length,
    });
  }
  return Float64Array.from(value);
}
