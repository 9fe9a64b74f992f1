import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FedAvg, FedProx } from '../../../src/federated/strategy/index.js';
import type { ArrayRecord } from '../../../src/federated/protocol/index.js';
import { Generator } from '../../../src/tensor/index.js';
import { close, result, values, vec } from './fixtures.js';

describe('FedAvg', () => {
  it('averages parameters weighted by numExamples', () => {
    // (1·1 + 3·3) / 4 = 2.5 and (2·1 + 6·3) / 4 = 5
    const out = new FedAvg().aggregateTrain(1, [result('a', [1, 2], 1), result('b', [3, 6], 3)], [], vec([0, 0]));
    close(values(out.parameters), [2.5, 5]);
    assert.deepEqual(out.rejected, []);
  });

  it('keeps the names, shapes and dtypes of every array', () => {
    const make = (a: number, b: number): ArrayRecord => [
      { name: 'fc.weight', shape: [1, 2], dtype: 'float32', data: Float32Array.from([a, a]) },
      { name: 'fc.bias', shape: [1], dtype: 'float64', data: Float64Array.from([b]) },
      { name: 'count', shape: [], dtype: 'int32', data: Int32Array.from([b]) },
    ];
    const out = new FedAvg().aggregateTrain(
      1,
      [
        { clientId: 'a', parameters: make(1, 2), numExamples: 2, metrics: {} },
        { clientId: 'b', parameters: make(4, 5), numExamples: 1, metrics: {} },
      ],
      [],
      make(0, 0),
    );
    const p = out.parameters!;
    assert.deepEqual(p.map((a) => [a.name, a.shape, a.dtype]), [['fc.weight', [1, 2], 'float32'], ['fc.bias', [1], 'float64'], ['count', [], 'int32']]);
    assert.ok(p[0]!.data instanceof Float32Array && p[2]!.data instanceof Int32Array);
    close([...p[0]!.data], [2, 2]); // (2·1 + 1·4) / 3
    close([...p[1]!.data], [3]); // (2·2 + 1·5) / 3
    assert.deepEqual([...p[2]!.data], [3]);
  });

  it('aggregates metrics as means weighted by numExamples', () => {
    const out = new FedAvg().aggregateTrain(
      1,
      [result('a', [0], 1, { loss: 1, accuracy: 0.5 }), result('b', [0], 3, { loss: 3 })],
      [],
      vec([0]),
    );
    // loss (1·1 + 3·3)/4 = 2.5; accuracy only from a
    assert.deepEqual(out.metrics, { loss: 2.5, accuracy: 0.5 });
    const ev = new FedAvg().aggregateEvaluate(1, [{ clientId: 'a', numExamples: 2, metrics: { accuracy: 1 } }, { clientId: 'b', numExamples: 6, metrics: { accuracy: 0.5 } }], []);
    assert.deepEqual(ev.metrics, { accuracy: 0.625 });
  });

  it('returns null parameters when no client succeeded', () => {
    const out = new FedAvg().aggregateTrain(1, [], [{ clientId: 'a', kind: 'timeout', message: 'late' }], vec([1]));
    assert.equal(out.parameters, null);
  });

  it('with acceptFailures false keeps the global model when a client failed', () => {
    const failure = [{ clientId: 'c', kind: 'timeout' as const, message: 'late' }];
    const results = [result('a', [1, 2], 1, { loss: 2 })];
    assert.equal(new FedAvg({ acceptFailures: false }).aggregateTrain(1, results, failure, vec([0, 0])).parameters, null);
    close(values(new FedAvg().aggregateTrain(1, results, failure, vec([0, 0])).parameters), [1, 2]);
  });

  it('sends the per-round config to the sampled clients', () => {
    const strategy = new FedAvg({ fractionTrain: 0.5, minTrainClients: 1, trainConfig: (round) => ({ localEpochs: round, lr: 0.1 }) });
    const clients = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    const instructions = strategy.configureTrain(3, vec([1]), clients, new Generator(1));
    assert.equal(instructions.length, 2);
    for (const i of instructions) assert.deepEqual(i.config, { localEpochs: 3, lr: 0.1 });
    const prox = new FedProx({ proximalMu: 0.1, trainConfig: { lr: 0.5 }, minTrainClients: 1 }).configureTrain(1, vec([1]), clients, new Generator(1));
    assert.deepEqual(prox[0]!.config, { lr: 0.5, proximalMu: 0.1 });
  });

  it('evaluation can be turned off with fractionEvaluate 0 and minEvaluateClients 0', () => {
    const strategy = new FedAvg({ fractionEvaluate: 0, minEvaluateClients: 0 });
    assert.deepEqual(strategy.configureEvaluate(1, vec([1]), [{ id: 'a' }, { id: 'b' }], new Generator(0)), []);
  });

  it('rejects invalid options and config values with the option named', () => {
    assert.throws(() => new FedAvg({ fractionTrain: 1.5 }), /fractionTrain must be in \[0, 1\]/);
    assert.throws(() => new FedAvg({ minTrainClients: -1 }), /minTrainClients/);
    assert.throws(() => new FedProx({ proximalMu: -1 }), /proximalMu/);
    const bad = new FedAvg({ trainConfig: { lr: Number.NaN } });
    assert.throws(() => bad.configureTrain(1, vec([1]), [{ id: 'a' }, { id: 'b' }], new Generator(0)), /config entry 'lr'/);
  });
});
