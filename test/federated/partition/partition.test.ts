import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  labelHistograms,
  parsePartitionSpec,
  partitionData,
  partitionDirichlet,
  partitionIid,
  partitionQuantitySkew,
  partitionShards,
  partitionStats,
} from '../../../src/federated/partition/index.js';
import { ConfigError } from '../../../src/errors/index.js';
import { assertDisjointComplete, balancedLabels } from './helpers.js';

const labels = balancedLabels(10, 500); // 5000 rows, 500 per class

describe('labelHistograms / partitionStats', () => {
  it('counts by hand', () => {
    const h = labelHistograms([Int32Array.from([0, 1, 2]), Int32Array.from([3, 4])], [0, 1, 1, 2, 2], 3);
    assert.deepEqual(h, [[1, 2, 0], [0, 0, 2]]);
    const s = partitionStats(h);
    assert.deepEqual(s.sizes, [3, 2]);
    assert.deepEqual(s.classesPerClient, [2, 1]);
    assert.ok(Math.abs(s.meanMaxClassFraction - (2 / 3 + 1) / 2) < 1e-12);
  });
  it('rejects a row whose label is out of range', () => {
    assert.throws(() => labelHistograms([Int32Array.from([0])], [5], 3), ConfigError);
  });
});

describe('partitionIid', () => {
  it('is disjoint and complete with sizes within one', () => {
    const parts = partitionIid(1003, 10, 1);
    assertDisjointComplete(parts, 1003);
    assert.deepEqual(parts.map((p) => p.length), [101, 101, 101, 100, 100, 100, 100, 100, 100, 100]);
  });
  it('gives histograms close to the global proportions', () => {
    const h = labelHistograms(partitionIid(labels.length, 5, 2), labels, 10);
    // 1000 rows per client, expected 100 per class; a hypergeometric sd is about 9.
    for (const row of h) for (const n of row) assert.ok(Math.abs(n - 100) < 40, `count ${n}`);
    assert.ok(partitionStats(h).meanMaxClassFraction < 0.15);
  });
  it('is reproducible from the seed and changes with it', () => {
    assert.deepEqual(partitionIid(500, 7, 9), partitionIid(500, 7, 9));
    assert.notDeepEqual(partitionIid(500, 7, 9), partitionIid(500, 7, 10));
  });
  it('refuses more clients than samples', () => {
    assert.throws(() => partitionIid(5, 6, 0), /5 samples cannot give each of 6 clients/);
  });
});

describe('partitionDirichlet', () => {
  it('is disjoint and complete, with no client under the minimum size', () => {
    for (const alpha of [0.05, 0.1, 1, 100]) {
      const parts = partitionDirichlet(labels, 20, alpha, 3);
      assertDisjointComplete(parts, labels.length);
      assert.ok(Math.min(...parts.map((p) => p.length)) >= 10, `alpha ${alpha}`);
    }
  });
  it('concentrates labels for small alpha and spreads them for large alpha', () => {
    const skewed = partitionStats(labelHistograms(partitionDirichlet(labels, 10, 0.1, 4), labels, 10));
    const even = partitionStats(labelHistograms(partitionDirichlet(labels, 10, 100, 4), labels, 10));
    assert.ok(skewed.meanMaxClassFraction > 0.6, `alpha 0.1: ${skewed.meanMaxClassFraction}`);
    assert.ok(even.meanMaxClassFraction < 0.3, `alpha 100: ${even.meanMaxClassFraction}`);
    const meanClasses = (s: typeof skewed): number => s.classesPerClient.reduce((a, b) => a + b, 0) / s.classesPerClient.length;
    assert.ok(meanClasses(skewed) < 5 && meanClasses(even) === 10);
  });
  it('is reproducible from the seed and changes with it', () => {
    assert.deepEqual(partitionDirichlet(labels, 10, 0.5, 8), partitionDirichlet(labels, 10, 0.5, 8));
    assert.notDeepEqual(partitionDirichlet(labels, 10, 0.5, 8), partitionDirichlet(labels, 10, 0.5, 9));
  });
  it('rejects alpha <= 0 and non-integer labels', () => {
    assert.throws(() => partitionDirichlet(labels, 10, 0, 1), /alpha must be a finite number > 0/);
    assert.throws(() => partitionDirichlet([0, 1.5, 2], 2, 1, 1), /labels must be integers >= 0, got 1.5/);
  });
});

describe('partitionShards', () => {
  for (const [clients, k] of [[10, 2], [100, 2], [7, 3], [10, 1]] as const) {
    it(`${clients} clients get exactly ${k} classes each, sizes balanced`, () => {
      const parts = partitionShards(labels, clients, k, 5);
      assertDisjointComplete(parts, labels.length);
      const s = partitionStats(labelHistograms(parts, labels, 10));
      assert.deepEqual(s.classesPerClient, new Array<number>(clients).fill(k));
      const mean = labels.length / clients;
      for (const size of s.sizes) assert.ok(size > 0.5 * mean && size < 1.5 * mean, `size ${size} vs mean ${mean}`);
    });
  }
  it('is reproducible from the seed', () => {
    assert.deepEqual(partitionShards(labels, 10, 2, 1), partitionShards(labels, 10, 2, 1));
    assert.notDeepEqual(partitionShards(labels, 10, 2, 1), partitionShards(labels, 10, 2, 2));
  });
  it('rejects more classes per client than classes', () => {
    assert.throws(() => partitionShards(labels, 10, 11, 1), /classesPerClient must be an integer from 1 to 10/);
  });
});

describe('partitionQuantitySkew', () => {
  it('sizes sum to N, respect the minimum, and are skewed for small alpha', () => {
    const parts = partitionQuantitySkew(5000, 10, 0.3, 6);
    assertDisjointComplete(parts, 5000);
    const sizes = parts.map((p) => p.length);
    assert.ok(Math.min(...sizes) >= 10);
    assert.ok(Math.max(...sizes) > 3 * Math.min(...sizes), `sizes ${sizes.join(',')}`);
    const even = partitionQuantitySkew(5000, 10, 1000, 6).map((p) => p.length);
    assert.ok(Math.max(...even) < 1.2 * Math.min(...even), `sizes ${even.join(',')}`);
  });
  it('keeps labels IID within each client', () => {
    const parts = partitionQuantitySkew(labels.length, 4, 1, 2);
    const s = partitionStats(labelHistograms(parts, labels, 10));
    assert.ok(s.meanMaxClassFraction < 0.2);
  });
  it('is reproducible from the seed', () => {
    assert.deepEqual(partitionQuantitySkew(900, 9, 0.5, 3), partitionQuantitySkew(900, 9, 0.5, 3));
  });
});

describe('parsePartitionSpec / partitionData', () => {
  it('reads every form', () => {
    assert.deepEqual(parsePartitionSpec('iid'), { kind: 'iid' });
    assert.deepEqual(parsePartitionSpec('dirichlet:0.1'), { kind: 'dirichlet', alpha: 0.1 });
    assert.deepEqual(parsePartitionSpec('shards:2'), { kind: 'shards', classesPerClient: 2 });
    assert.deepEqual(parsePartitionSpec('quantity:0.5'), { kind: 'quantity', alpha: 0.5 });
  });
  it('rejects malformed specs with the accepted forms', () => {
    for (const bad of ['dirichlet', 'dirichlet:-1', 'shards:1.5', 'iid:2', 'zipf:1', 'dirichlet:0.1:2']) {
      assert.throws(() => parsePartitionSpec(bad), /partition: cannot read/);
    }
  });
  it('dispatches to the partitioner', () => {
    assert.deepEqual(partitionData({ kind: 'shards', classesPerClient: 2 }, labels, 10, 1), partitionShards(labels, 10, 2, 1));
  });
});
