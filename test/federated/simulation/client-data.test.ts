import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatherBatch, shareData, splitClients } from '../../../src/federated/simulation/index.js';

describe('splitClients', () => {
  it('keeps the fraction for evaluation, at least one row, disjoint from training', () => {
    const parts = [Int32Array.from({ length: 50 }, (_, i) => i), Int32Array.from([50, 51]), Int32Array.from([52])];
    const shards = splitClients(parts, 0.1, 3);
    assert.deepEqual(shards.map((s) => [s.train.length, s.test.length]), [[45, 5], [1, 1], [1, 0]]);
    const rows = [...shards[0]!.train, ...shards[0]!.test].sort((a, b) => a - b);
    assert.deepEqual(rows, [...parts[0]!]);
    assert.deepEqual(splitClients(parts, 0.1, 3), shards);
  });
});

describe('gatherBatch / shareData', () => {
  it('copies the rows asked for, in order, from shared memory', () => {
    const data = shareData({ inputs: Float32Array.from([0, 1, 10, 11, 20, 21]), sampleShape: [2], labels: Int32Array.from([5, 6, 7]), numClasses: 8 });
    if (typeof SharedArrayBuffer === 'function') assert.ok(data.inputs.buffer instanceof SharedArrayBuffer);
    const { input, target } = gatherBatch(data, [2, 0]);
    assert.deepEqual(input.shape, [2, 2]);
    assert.deepEqual([...input.values()], [20, 21, 0, 1]);
    assert.deepEqual([...target.values()], [7, 5]);
  });
});
