import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FedAvgM } from '../../../src/federated/strategy/index.js';
import { close, result, values, vec } from './fixtures.js';

describe('FedAvgM', () => {
  it('applies server momentum over two rounds (hand-computed)', () => {
    const s = new FedAvgM({ serverMomentum: 0.5, serverLearningRate: 1 });
    // Round 1: x = [0, 0], weighted average (1·[0, 1] + 1·[2, 3]) / 2 = [1, 2]
    // Δ = x − avg = [−1, −2]; v = Δ; x1 = x − v = [1, 2]
    const r1 = s.aggregateTrain(1, [result('a', [0, 1]), result('b', [2, 3])], [], vec([0, 0]));
    close(values(r1.parameters), [1, 2]);
    // Round 2: x = [1, 2], average [2, 2] → Δ = [−1, 0]; v = 0.5·[−1, −2] + [−1, 0] = [−1.5, −1]; x2 = x − v = [2.5, 3]
    const r2 = s.aggregateTrain(2, [result('a', [2, 2], 5)], [], r1.parameters!);
    close(values(r2.parameters), [2.5, 3]);
  });

  it('with momentum 0 scales the FedAvg step by the server learning rate', () => {
    const s = new FedAvgM({ serverLearningRate: 0.5 });
    // x = [0], average (1·1 + 3·3)/4 = 2.5 → Δ = −2.5 → x1 = 0 + 0.5·2.5 = 1.25
    close(values(s.aggregateTrain(1, [result('a', [1], 1), result('b', [3], 3)], [], vec([0])).parameters), [1.25]);
  });

  it('rejects momentum outside [0, 1)', () => {
    assert.throws(() => new FedAvgM({ serverMomentum: 1 }), /serverMomentum must be in \[0, 1\)/);
  });
});
