import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lrp } from '../../../src/explain/lrp/lrp.js';
import { zBoxRootPoint } from '../../../src/explain/lrp/linear-rules.js';
import { gradientXInput } from '../../../src/explain/methods/gradient-x-input.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Generator, rand, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose } from '../../helpers/assert-close.js';
import { flat } from '../methods/helpers.js';
import { reluCnn, reluMlp, residualMlp } from './models.js';

const g = (seed: number) => new Generator(seed);

describe('LRP-0 equals Gradient × Input on ReLU networks', () => {
  it('dense', () => {
    const model = reluMlp(1, false);
    const x = randn([4, 6], { generator: g(2), dtype: 'float64' });
    assertClose(lrp(model, x, { rule: 'zero' }).attribution, gradientXInput(model, x).attribution, { atol: 1e-10 });
  });
  it('convolutional, with max- and average-pooling', () => {
    const model = reluCnn(3, false);
    const x = randn([2, 1, 8, 8], { generator: g(4), dtype: 'float64' });
    for (const target of [0, 2]) {
      assertClose(lrp(model, x, { rule: 'zero', target }).attribution, gradientXInput(model, x, { target }).attribution, { atol: 1e-10 });
    }
  });
  it('residual blocks (identity and linear shortcuts)', () => {
    const model = residualMlp(5, false);
    const x = randn([3, 6], { generator: g(6), dtype: 'float64' });
    assertClose(lrp(model, x, { rule: 'zero' }).attribution, gradientXInput(model, x).attribution, { atol: 1e-10 });
  });
  it('with biases too (Montavon et al. 2019, sec. 10.2.1), though biases then absorb relevance', () => {
    const model = reluMlp(1, true);
    const x = randn([2, 6], { generator: g(2), dtype: 'float64' });
    const r = lrp(model, x, { rule: 'zero' });
    assertClose(r.attribution, gradientXInput(model, x).attribution, { atol: 1e-10 });
    assert.ok(r.extras.conservation!.at(-1)!.ratio.some((v) => Math.abs(v - 1) > 0.01));
  });
});

describe('conservation', () => {
  it('epsilon-LRP keeps Σ R at every layer of a bias-free network, and reports it per layer', () => {
    for (const [model, x] of [
      [reluMlp(7, false), randn([3, 6], { generator: g(8), dtype: 'float64' })],
      [reluCnn(9, false), randn([2, 1, 8, 8], { generator: g(10), dtype: 'float64' })],
      [residualMlp(11, false), randn([2, 6], { generator: g(12), dtype: 'float64' })],
    ] as const) {
      const r = lrp(model, x, { rule: 'epsilon', epsilon: 1e-9 });
      const layers = r.extras.conservation!;
      // Layers inside a residual branch ('4.body') carry the branch's share; every top-level entry is conserved.
      const topLevel = layers.filter((l) => !l.name.includes('.'));
      assert.ok(topLevel.length >= model.length);
      for (const layer of topLevel) for (const ratio of layer.ratio) assert.ok(Math.abs(ratio - 1) < 1e-6, `${layer.name} (${layer.type}): ${ratio}`);
      assertClose(flat(r.attribution.reshape(x.shape[0]!, -1).sum(1)), r.score as number[], { atol: 1e-6 });
    }
  });

  it('a large epsilon absorbs relevance, and the report shows where', () => {
    const model = reluMlp(7, false);
    const x = randn([3, 6], { generator: g(8), dtype: 'float64' });
    const layers = lrp(model, x, { rule: 'epsilon', epsilon: 1 }).extras.conservation!;
    assert.deepEqual(layers.map((l) => l.name), ['4', '3', '2', '1', '0']);
    assert.deepEqual(layers.map((l) => l.rule), ['epsilon', 'pass', 'epsilon', 'pass', 'epsilon']);
    const input = layers[layers.length - 1]!;
    assert.ok(input.ratio.some((v) => Math.abs(v - 1) > 0.01), `ratios ${input.ratio.join(', ')}`);
  });
});

describe('sign and bounds', () => {
  it('z+ gives non-negative relevance everywhere when the explained score is positive', () => {
    const model = reluCnn(12, true);
    const x = randn([3, 1, 8, 8], { generator: g(14), dtype: 'float64' });
    // Explain every class: positive scores give R >= 0 everywhere, negative ones R <= 0.
    let positives = 0;
    for (const target of [0, 1, 2]) {
      const r = lrp(model, x, { rule: 'zPlus', target });
      const per = x.shape.slice(1).reduce((a, b) => a * b, 1);
      flat(r.attribution).forEach((v, i) => {
        const s = r.score[Math.floor(i / per)]!;
        assert.ok(s >= 0 ? v >= 0 : v <= 0, `score ${s}, R ${v}`);
      });
      positives += r.score.filter((s) => s > 0).length;
    }
    assert.ok(positives > 0);
  });

  it('zB on the first layer (z+ above) keeps input relevance non-negative inside the box and conserves it without biases', () => {
    const model = reluMlp(15, false);
    const x = rand([4, 6], { generator: g(16), dtype: 'float64' });
    const r = lrp(model, x, { composite: { first: { name: 'zB', low: 0, high: 1 } }, rule: 'zPlus' });
    assert.equal(r.extras.conservation!.at(-1)!.rule, 'zB');
    const positive = r.score.map((s) => s > 0);
    flat(r.attribution).forEach((v, i) => {
      if (positive[Math.floor(i / 6)]) assert.ok(v >= -1e-12, `R = ${v}`);
    });
    assertClose(flat(r.attribution.sum(1)), r.score as number[], { atol: 1e-9 });
  });

  it("zB's Deep Taylor root point lies in the box and is a root of the neuron", () => {
    const layer = new Linear(6, 5, { bias: false, generator: g(17) }).cast('float64');
    const w = layer.weight.detach();
    const low = tensor([0, 0, 0, -1, -1, -1], { dtype: 'float64' });
    const high = tensor([1, 1, 1, 2, 2, 2], { dtype: 'float64' });
    const x = rand([6], { generator: g(18), dtype: 'float64' });
    const z = flat(w.matmul(x));
    let active = 0;
    for (let j = 0; j < 5; j++) {
      if (z[j]! <= 0) continue;
      active++;
      const root = zBoxRootPoint(w, x, low, high, j);
      const values = flat(root);
      values.forEach((v, i) => assert.ok(v >= flat(low)[i]! - 1e-12 && v <= flat(high)[i]! + 1e-12, `neuron ${j}, input ${i}: ${v}`));
      assert.ok(Math.abs(flat(w.slice(j, null).mul(root).sum())[0]!) < 1e-12);
    }
    assert.ok(active > 0);
  });

  it('zB refuses an input outside its box', () => {
    const model = reluMlp(15, false);
    const x = rand([1, 6], { generator: g(16), dtype: 'float64' }).add(1);
    assert.throws(() => lrp(model, x, { composite: { first: { name: 'zB', low: 0, high: 1 } } }), /rule zB at layer '0': the input leaves the box/);
  });
});
