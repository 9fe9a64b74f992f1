import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FedMedian, Krum, TrimmedMean, krumScores } from '../../../src/federated/strategy/index.js';
import { close, result, values, vec } from './fixtures.js';

describe('FedMedian', () => {
  it('takes the coordinate-wise median, unweighted', () => {
    const out = new FedMedian().aggregateTrain(1, [result('a', [1, 10, 3], 100), result('b', [2, -5, 3]), result('c', [100, 0, 3])], [], vec([0, 0, 0]));
    close(values(out.parameters), [2, 0, 3]);
  });

  it('averages the two middle values for an even count', () => {
    const out = new FedMedian().aggregateTrain(1, [result('a', [10]), result('b', [1]), result('c', [3]), result('d', [2])], [], vec([0]));
    close(values(out.parameters), [2.5]);
  });
});

describe('TrimmedMean', () => {
  it('cuts floor(beta·n) values from each end of every coordinate', () => {
    const clients = [result('a', [1, -50]), result('b', [100, 0]), result('c', [3, 1]), result('d', [2, 2]), result('e', [4, 3])];
    // β = 0.2, n = 5 → k = 1: [1,2,3,4,100] → mean(2,3,4) = 3; [−50,0,1,2,3] → mean(0,1,2) = 1
    close(values(new TrimmedMean({ beta: 0.2 }).aggregateTrain(1, clients, [], vec([0, 0])).parameters), [3, 1]);
    // β = 0.1 → k = 0: plain mean (110/5 = 22, −44/5 = −8.8)
    close(values(new TrimmedMean({ beta: 0.1 }).aggregateTrain(1, clients, [], vec([0, 0])).parameters), [22, -8.8]);
  });

  it('rejects beta >= 0.5', () => {
    assert.throws(() => new TrimmedMean({ beta: 0.5 }), /beta must be in \[0, 0\.5\)/);
  });
});

describe('Krum', () => {
  // Four honest clients near the origin and one outlier at [10, 10].
  const clients = [result('a', [0, 0]), result('b', [1.1, 0]), result('c', [0, 1.2]), result('d', [0.5, 0.5]), result('e', [10, 10], 1000)];

  it('scores each client by the squared distances to its n − f − 2 nearest neighbours', () => {
    // f = 1 → 2 nearest. a: d 0.5, b 1.21 → 1.71; b: d 0.61, a 1.21 → 1.82; c: d 0.74, a 1.44 → 2.18;
    // d: a 0.5, b 0.61 → 1.11; e: c 177.44, b 179.21 → 356.65
    const scores = krumScores(clients.map((r) => Float64Array.from(r.parameters![0]!.data)), 1);
    close(scores, [1.71, 1.82, 2.18, 1.11, 356.65], 1e-9);
  });

  it('Krum keeps the lowest-scored model and reports the others, the outlier included', () => {
    const out = new Krum({ numMalicious: 1 }).aggregateTrain(1, clients, [], vec([0, 0]));
    close(values(out.parameters), [0.5, 0.5]);
    assert.deepEqual(out.rejected.map((r) => r.clientId), ['a', 'b', 'c', 'e']);
    assert.ok(out.rejected.every((r) => r.reason.code === 'strategy'));
    assert.match(out.rejected[3]!.reason.message, /score 356\.65/);
  });

  it('Multi-Krum averages the m best models, unweighted (the outlier claims 1000 examples in vain)', () => {
    const out = new Krum({ numMalicious: 1, numToKeep: 3 }).aggregateTrain(1, clients, [], vec([0, 0]));
    // d, a, b: ([0.5, 0.5] + [0, 0] + [1.1, 0]) / 3
    close(values(out.parameters), [1.6 / 3, 0.5 / 3]);
    assert.deepEqual(out.rejected.map((r) => r.clientId).sort(), ['c', 'e']);
  });

  it('names itself and validates its options', () => {
    assert.equal(new Krum({ numMalicious: 1, numToKeep: 3 }).name, 'MultiKrum(f=1, m=3)');
    assert.throws(() => new Krum({ numToKeep: 0 }), /numToKeep must be an integer >= 1/);
  });
});

describe('every parameter rule', () => {
  it('returns the common model, array by array in its layout, when all clients agree', async () => {
    const { FedAvg, FedAvgM, FedProx } = await import('../../../src/federated/strategy/index.js');
    const model = [
      { name: 'fc.weight', shape: [2, 2], dtype: 'float32' as const, data: Float32Array.from([1, -2, 3.5, 0]) },
      { name: 'fc.bias', shape: [2], dtype: 'float64' as const, data: Float64Array.from([0.25, -7]) },
      { name: 'bn.count', shape: [], dtype: 'int32' as const, data: Int32Array.from([12]) },
    ];
    const results = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ clientId: id, parameters: model, numExamples: i + 1, metrics: {} }));
    const strategies = [new FedAvg(), new FedAvgM(), new FedProx({ proximalMu: 0.1 }), new FedMedian(), new TrimmedMean(), new Krum({ numMalicious: 1 }), new Krum({ numToKeep: 3 })];
    for (const s of strategies) {
      const out = s.aggregateTrain(1, results, [], model).parameters!;
      assert.deepEqual(out.map((a) => [a.name, a.shape, a.dtype, [...a.data]]), model.map((a) => [a.name, a.shape, a.dtype, [...a.data]]), s.name);
      assert.ok(out[0]!.data instanceof Float32Array && out[2]!.data instanceof Int32Array, s.name);
    }
  });
});
