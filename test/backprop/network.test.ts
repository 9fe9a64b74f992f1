import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneHotRow, randomBatch, randomNetwork } from '../../src/backprop/index.js';
import { checkBatch, layerSizes } from '../../src/backprop/network.js';
import type { DenseNetwork } from '../../src/backprop/index.js';
import { ConfigError, ShapeError } from '../../src/errors/index.js';

const net: DenseNetwork = {
  loss: 'softmaxCrossEntropy',
  layers: [
    { weight: [[1, 2], [3, 4], [5, 6]], bias: [0, 0, 0], activation: 'relu' },
    { weight: [[1, 1, 1], [0, 0, 0]], bias: [0, 0], activation: 'identity' },
  ],
};

describe('DenseNetwork checks', () => {
  it('accepts a consistent network and batch and reports its sizes', () => {
    assert.deepEqual(layerSizes(net), [2, 3, 2]);
    checkBatch('test', net, { inputs: [[1, 2]], targets: [[0.25, 0.75]] });
  });

  it('names the layer and the widths when a weight row does not fit', () => {
    const bad = { ...net, layers: [net.layers[0]!, { ...net.layers[1]!, weight: [[1, 1], [0, 0]] }] };
    assert.throws(() => checkBatch('test', bad, { inputs: [[1, 2]], targets: [[1, 0]] }), (e: unknown) => e instanceof ShapeError && /layer 2.*3 entries.*got 2/.test(e.message));
  });

  it('refuses a bias of the wrong length, an unknown activation or loss, and an empty network', () => {
    assert.throws(() => checkBatch('test', { ...net, layers: [{ ...net.layers[0]!, bias: [0] }, net.layers[1]!] }, { inputs: [[1, 2]], targets: [[1, 0]] }), /bias has 1 entries/);
    const unknown = JSON.parse(JSON.stringify(net)) as { layers: { activation: string }[] };
    unknown.layers[0]!.activation = 'gelu';
    assert.throws(() => checkBatch('test', unknown as unknown as DenseNetwork, { inputs: [[1, 2]], targets: [[1, 0]] }), ConfigError);
    assert.throws(() => checkBatch('test', { ...net, loss: 'hinge' as 'mse' }, { inputs: [[1, 2]], targets: [[1, 0]] }), /unknown loss 'hinge'/);
    assert.throws(() => checkBatch('test', { ...net, layers: [] }, { inputs: [[1, 2]], targets: [[1, 0]] }), /no layers/);
  });

  it('refuses batches that do not fit: widths, counts, and non-distributions for cross-entropy', () => {
    assert.throws(() => checkBatch('test', net, { inputs: [], targets: [] }), /empty/);
    assert.throws(() => checkBatch('test', net, { inputs: [[1, 2, 3]], targets: [[1, 0]] }), /input 0 has 3 values, the network takes 2/);
    assert.throws(() => checkBatch('test', net, { inputs: [[1, 2]], targets: [[1, 0, 0]] }), /target 0 has 3 values/);
    assert.throws(() => checkBatch('test', net, { inputs: [[1, 2], [3, 4]], targets: [[1, 0]] }), /2 inputs but 1 targets/);
    assert.throws(() => checkBatch('test', net, { inputs: [[1, 2]], targets: [[1, 1]] }), /probability distribution/);
    checkBatch('test', { ...net, loss: 'mse' }, { inputs: [[1, 2]], targets: [[1, 1]] });
  });

  it('oneHotRow builds a class row and refuses labels out of range', () => {
    assert.deepEqual(oneHotRow(2, 4), [0, 0, 1, 0]);
    assert.throws(() => oneHotRow(4, 4), ConfigError);
  });
});

describe('randomNetwork and randomBatch', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    const a = randomNetwork([3, 4, 2], { seed: 5 });
    assert.deepEqual(randomNetwork([3, 4, 2], { seed: 5 }), a);
    assert.notDeepEqual(randomNetwork([3, 4, 2], { seed: 6 }), a);
    assert.deepEqual(randomBatch(a, 4, 1), randomBatch(a, 4, 1));
  });

  it('builds the requested sizes and activations, and one-hot targets for cross-entropy', () => {
    const net = randomNetwork([3, 4, 5, 2], { activation: 'tanh', outputActivation: 'sigmoid', loss: 'softmaxCrossEntropy', seed: 1 });
    assert.deepEqual(layerSizes(net), [3, 4, 5, 2]);
    assert.deepEqual(net.layers.map((l) => l.activation), ['tanh', 'tanh', 'sigmoid']);
    const batch = randomBatch(net, 6, 2);
    assert.equal(batch.inputs.length, 6);
    for (const y of batch.targets) assert.deepEqual([...y].sort(), [0, 1]);
    const mse = randomNetwork([2, 3], { loss: 'mse' });
    assert.ok(randomBatch(mse, 3).targets.flat().some((v) => v !== 0 && v !== 1));
  });

  it('refuses fewer than two sizes or non-positive ones', () => {
    assert.throws(() => randomNetwork([3]), /at least two positive integers/);
    assert.throws(() => randomNetwork([3, 0]), ConfigError);
    assert.throws(() => randomBatch(randomNetwork([2, 2]), 0), ConfigError);
  });
});
