import assert from 'node:assert/strict';
import type { NestedArray } from '../../src/tensor/index.js';
import { Tensor } from '../../src/tensor/index.js';

/** Absolute and relative tolerance: |actual - expected| <= atol + rtol·|expected|. */
export interface Tolerance {
  /** @default 1e-6 */
  readonly atol?: number;
  /** @default 1e-5 */
  readonly rtol?: number;
}

/** Tolerance for float32 results compared with hand-computed float64 numbers. */
export const f32: Tolerance = { atol: 1e-5, rtol: 1e-5 };
/** Tolerance for float64 results. */
export const f64: Tolerance = { atol: 1e-12, rtol: 1e-10 };

function shapeOf(value: NestedArray): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0]!;
  }
  return shape;
}

function flat(value: NestedArray): number[] {
  return Array.isArray(value) ? value.flatMap((v) => flat(v)) : [value];
}

function close(a: number, e: number, atol: number, rtol: number): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/**
 * Asserts that `actual` (a tensor, nested array or number) has the shape of `expected` and
 * values within tolerance. NaN matches NaN and infinities must match exactly.
 */
export function assertClose(actual: Tensor | NestedArray, expected: NestedArray | Tensor, tol: Tolerance = {}): void {
  const atol = tol.atol ?? 1e-6;
  const rtol = tol.rtol ?? 1e-5;
  const exp = expected instanceof Tensor ? expected.toArray() : expected;
  const expectedShape = expected instanceof Tensor ? [...expected.shape] : shapeOf(exp);
  const act = actual instanceof Tensor ? actual.toArray() : actual;
  const actualShape = actual instanceof Tensor ? [...actual.shape] : shapeOf(act);
  assert.deepEqual(actualShape, expectedShape, `shape [${actualShape.join(',')}] differs from expected [${expectedShape.join(',')}]`);
  const a = flat(act);
  const e = flat(exp);
  for (let i = 0; i < e.length; i++) {
    if (!close(a[i]!, e[i]!, atol, rtol)) {
      assert.fail(`element ${i}: got ${a[i]}, expected ${e[i]} (atol ${atol}, rtol ${rtol})\nactual:   ${JSON.stringify(act)}\nexpected: ${JSON.stringify(exp)}`);
    }
  }
}

/** Asserts that `fn` throws an error of class `type` whose message contains every string in `parts`. */
export function assertThrowsWith(fn: () => unknown, type: abstract new (...args: never[]) => Error, parts: readonly (string | RegExp)[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error, 'expected an error to be thrown');
  assert.ok(caught instanceof type, `expected ${type.name}, got ${caught.name}: ${caught.message}`);
  for (const part of parts) {
    if (typeof part === 'string') assert.ok(caught.message.includes(part), `message lacks '${part}': ${caught.message}`);
    else assert.match(caught.message, part);
  }
  return caught;
}
