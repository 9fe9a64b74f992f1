import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTorchLikeClient, proximalTerm } from '../../../src/federated/client/index.js';
import { arraysFromModule, createMessage, namedArray, validateReply } from '../../../src/federated/protocol/index.js';
import type { ArrayRecord, Reply } from '../../../src/federated/protocol/index.js';
import { makeBlobs } from '../../../src/data/index.js';
import { Linear, mlp } from '../../../src/nn/index.js';
import { Generator } from '../../../src/tensor/index.js';

function squaredDistance(a: ArrayRecord, b: ArrayRecord): number {
  let s = 0;
  a.forEach((x, j) => x.data.forEach((v, i) => (s += (v - b[j]!.data[i]!) ** 2)));
  return s;
}

describe('proximalTerm', () => {
  it('is μ/2·‖w − w_global‖² over the parameters, with gradient μ·(w − w_global)', () => {
    const model = new Linear(2, 1);
    model.weight.storage.set([1, 2]);
    model.stateDict()['bias']!.storage.set([3]);
    const global = [namedArray('weight', [1, 2], Float32Array.from([0, 0])), namedArray('bias', [1], Float32Array.from([1]))];
    const term = proximalTerm(model, global, 0.5);
    // 0.25 · (1 + 4 + 4) = 2.25
    assert.ok(Math.abs(term.item() - 2.25) < 1e-6);
    term.backward();
    assert.deepEqual(model.weight.grad!.toArray(), [[0.5, 1]]);
    assert.deepEqual(model.stateDict()['bias']!.grad!.toArray(), [1]);
    assert.throws(() => proximalTerm(model, global.slice(0, 1), 0.5), /no 'bias'/);
    assert.throws(() => proximalTerm(model, global, -1), /mu must be/);
  });
});

describe('createTorchLikeClient', () => {
  const data = makeBlobs({ n: 60, centers: [[-3, 0], [3, 0], [0, 4]], std: 0.6, seed: 1 });
  const factory = () => mlp(2, [8], 3, { generator: new Generator(5) });
  const global = arraysFromModule(factory());

  it('trains locally, returning valid parameters, numExamples and train metrics; evaluate reports loss and accuracy', async () => {
    const app = createTorchLikeClient(factory, data, { batchSize: 10 });
    const before = await app.handle(createMessage('evaluate', 1, 'c0', global, {}));
    const reply = await app.handle(createMessage('train', 1, 'c0', global, { localEpochs: 3, lr: 0.2 }));
    const checked = validateReply(reply, { kind: 'train', round: 1, clientId: 'c0', reference: global });
    assert.ok(checked.ok, JSON.stringify(reply.error));
    assert.equal(reply.numExamples, 60);
    assert.ok(reply.metrics['loss']! > 0 && reply.metrics['accuracy']! >= 0);
    const after = await app.handle(createMessage('evaluate', 1, 'c0', reply.parameters!, {}));
    assert.equal(after.numExamples, 60);
    assert.ok(after.metrics['loss']! < before.metrics['loss']!, `${after.metrics['loss']} < ${before.metrics['loss']}`);
    assert.ok(after.metrics['accuracy']! > 0.8, `accuracy ${after.metrics['accuracy']}`);
  });

  it('is deterministic: the same message gives bit-identical parameters', async () => {
    const msg = createMessage('train', 4, 'c0', global, { localEpochs: 1, lr: 0.1 });
    const a = (await createTorchLikeClient(factory, data, { seed: 3 }).handle(msg)) as Reply;
    const b = (await createTorchLikeClient(factory, data, { seed: 3 }).handle(msg)) as Reply;
    assert.deepEqual(a.parameters!.map((x) => [...x.data]), b.parameters!.map((x) => [...x.data]));
  });

  it('with config.proximalMu the local model stays closer to the global one', async () => {
    const run = async (mu: number) =>
      (await createTorchLikeClient(factory, data).handle(createMessage('train', 1, 'c0', global, { localEpochs: 3, lr: 0.3, proximalMu: mu }))).parameters!;
    const free = squaredDistance(await run(0), global);
    const held = squaredDistance(await run(5), global);
    assert.ok(held < free, `‖Δ‖² with μ=5 (${held}) should be below μ=0 (${free})`);
  });

  it('reports a bad config as an error reply', async () => {
    const reply = await createTorchLikeClient(factory, data).handle(createMessage('train', 1, 'c0', global, { lr: 'fast' }));
    assert.equal(reply.status, 'error');
    assert.match(reply.error ?? '', /config 'lr' must be a finite number/);
    const epochs = await createTorchLikeClient(factory, data).handle(createMessage('train', 1, 'c0', global, { localEpochs: 1.5 }));
    assert.match(epochs.error ?? '', /config 'localEpochs' must be an integer >= 0, got 1.5/);
  });
});
