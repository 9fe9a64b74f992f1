import assert from 'node:assert/strict';
import type { Partition } from '../../../src/federated/partition/index.js';

/** Balanced labels: `perClass` rows of each of `classes` classes, interleaved 0,1,2,...,0,1,2. */
export function balancedLabels(classes: number, perClass: number): Int32Array {
  return Int32Array.from({ length: classes * perClass }, (_, i) => i % classes);
}

/** Asserts the partition covers 0..n-1 exactly once. */
export function assertDisjointComplete(parts: Partition, n: number): void {
  const seen = new Uint8Array(n);
  let total = 0;
  for (const part of parts) {
    for (const row of part) {
      assert.ok(row >= 0 && row < n, `row ${row} outside 0..${n - 1}`);
      assert.equal(seen[row], 0, `row ${row} given twice`);
      seen[row] = 1;
      total++;
    }
  }
  assert.equal(total, n);
}
