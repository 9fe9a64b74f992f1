import type { ArrayRecord } from '../protocol/index.js';
import { mapArrayRecord } from '../protocol/index.js';
import { castData } from './aggregate.js';

/**
 * The next global parameters from a per-coordinate rule: `step(i, x)` receives the flat index i
 * (over all arrays in order) and the current value x, and returns the new value. Results are
 * written in each array's dtype.
 */
export function applyServerStep(current: ArrayRecord, step: (index: number, value: number) => number): ArrayRecord {
  let at = 0;
  return mapArrayRecord(current, (a) => {
    const out = new Float64Array(a.data.length);
    for (let i = 0; i < out.length; i++) out[i] = step(at + i, a.data[i]!);
    at += out.length;
    return castData(out, a.dtype);
  });
}
