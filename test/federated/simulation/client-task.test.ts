import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionIid } from '../../../src/federated/partition/index.js';
import { arraysFromModule, createMessage } from '../../../src/federated/protocol/index.js';
import type { ArrayRecord } from '../../../src/federated/protocol/index.js';
import { countCorrect, loadSimulationDataset, simulatedClientApp, simulationModel, splitClients } from '../../../src/federated/simulation/index.js';
import { tensor } from '../../../src/tensor/index.js';

const { train } = loadSimulationDataset('digits');
const model = simulationModel('mlp', train, [8], 2);
const context = { data: train, shards: splitClients(partitionIid(train.labels.length, 3, 2), 0.2, 2), clientIds: ['x', 'y', 'z'], modelConfig: model.toConfig(), seed: 2 };
const global = arraysFromModule(model);
const distance = (a: ArrayRecord, b: ArrayRecord): number => Math.sqrt(a.reduce((s, arr, i) => s + Array.from(arr.data).reduce((t, v, k) => t + (v - b[i]!.data[k]!) ** 2, 0), 0));

describe('simulatedClientApp', () => {
  it("FedProx's proximal term keeps the local model closer to the global one", async () => {
    const app = simulatedClientApp(context);
    const trainWith = async (mu: number): Promise<ArrayRecord> => {
      const reply = await app.handle(createMessage('train', 1, 'y', global, { localEpochs: 2, lr: 0.2, proximalMu: mu }));
      assert.equal(reply.status, 'ok', reply.error);
      return reply.parameters!;
    };
    const plain = distance(await trainWith(0), global);
    const prox = distance(await trainWith(5), global);
    assert.ok(plain > 0);
    assert.ok(prox < 0.8 * plain, `drift with mu=5 ${prox} vs mu=0 ${plain}`);
    // Same message, same seed: the same update.
    assert.deepEqual((await trainWith(0)).map((a) => [...a.data]), (await trainWith(0)).map((a) => [...a.data]));
  });

  it("evaluates on the client's held-out rows", async () => {
    const reply = await simulatedClientApp(context).handle(createMessage('evaluate', 3, 'z', global, {}));
    assert.equal(reply.numExamples, context.shards[2]!.test.length);
    assert.ok(reply.metrics['accuracy']! >= 0 && reply.metrics['accuracy']! <= 1);
    assert.ok(reply.metrics['loss']! > 0);
  });

  it('countCorrect compares the argmax of each row with the target', () => {
    assert.equal(countCorrect(tensor([[0.1, 0.9], [2, 1], [0, 3]]), tensor([1, 1, 1], { dtype: 'int32' })), 2);
  });
});
