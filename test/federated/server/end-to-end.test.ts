import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { noGrad } from '../../../src/autograd/index.js';
import { makeBlobs, subset } from '../../../src/data/index.js';
import type { TensorDataset } from '../../../src/data/index.js';
import { createTorchLikeClient } from '../../../src/federated/client/index.js';
import type { ClientApp } from '../../../src/federated/client/index.js';
import type { ArrayRecord } from '../../../src/federated/protocol/index.js';
import { arraysFromModule, loadArraysIntoModule } from '../../../src/federated/protocol/index.js';
import { runFederated } from '../../../src/federated/server/index.js';
import type { FederatedHistory } from '../../../src/federated/server/index.js';
import { FedAvg } from '../../../src/federated/strategy/index.js';
import { InMemoryTransport } from '../../../src/federated/transport/index.js';
import { mlp } from '../../../src/nn/index.js';
import { Generator } from '../../../src/tensor/index.js';

const centers = [[-2, -2], [2, -2], [0, 2]];
const factory = () => mlp(2, [8], 3, { generator: new Generator(11) });

function accuracy(parameters: ArrayRecord, test: TensorDataset): number {
  const model = factory();
  loadArraysIntoModule(model, parameters);
  model.eval();
  const scores = noGrad(() => model.call(test.inputs)).values();
  const labels = test.targets.values();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < 3; j++) if (scores[i * 3 + j]! > scores[i * 3 + best]!) best = j;
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

async function run(seed: number): Promise<FederatedHistory> {
  const train = makeBlobs({ n: 160, centers, std: 1, seed: 1 });
  const test = makeBlobs({ n: 90, centers, std: 1, seed: 2 });
  const apps: Record<string, ClientApp> = {};
  for (let k = 0; k < 4; k++) {
    const part = subset(train, Int32Array.from({ length: 40 }, (_, i) => 4 * i + k));
    apps[`client-${k}`] = createTorchLikeClient(factory, part, { batchSize: 10, seed: k });
  }
  return runFederated({
    strategy: new FedAvg({ fractionTrain: 0.5, trainConfig: { localEpochs: 1, lr: 0.2 } }),
    transport: new InMemoryTransport(apps),
    initialParameters: arraysFromModule(factory()),
    rounds: 4,
    evaluateEvery: 2,
    evaluateCentral: (_round, p) => ({ accuracy: accuracy(p, test) }),
    seed,
  });
}

describe('federated end to end (in memory)', () => {
  it('FedAvg with 4 clients on blobs improves central accuracy, deterministically from the seed', async () => {
    const a = await run(3);
    const initial = a.initialCentral!['accuracy']!;
    const final = a.rounds.at(-1)!.central!['accuracy']!;
    assert.ok(final > initial + 0.2 && final > 0.8, `central accuracy ${initial} → ${final}`);
    for (const r of a.rounds) {
      assert.equal(r.train.clients.length, 2); // fraction 0.5 of 4
      assert.deepEqual(r.train.failures, []);
      assert.deepEqual(r.train.rejected, []);
    }
    assert.ok(a.rounds[3]!.evaluate!.metrics['accuracy']! > 0.8);
    const b = await run(3);
    assert.deepEqual(b, a); // same seed: same clients, same numbers, bit for bit
    const c = await run(4);
    assert.notDeepEqual(c.rounds.map((r) => r.train.clients), a.rounds.map((r) => r.train.clients));
  });
});
