import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { composite } from '../../../src/explain/lrp/composite.js';
import { foldBatchNorm } from '../../../src/explain/lrp/fold-batch-norm.js';
import { lrp } from '../../../src/explain/lrp/lrp.js';
import { ReLU, Softmax } from '../../../src/nn/layers/activations.js';
import { BatchNorm1d } from '../../../src/nn/layers/batch-norm-1d.js';
import { BatchNorm2d } from '../../../src/nn/layers/batch-norm-2d.js';
import { Conv2d } from '../../../src/nn/layers/conv2d.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { LayerNorm } from '../../../src/nn/layers/layer-norm.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { Generator, rand, randn } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { reluCnn, reluMlp } from './models.js';

const g = (seed: number) => new Generator(seed);

function bnModel(): Sequential {
  const gen = g(21);
  const model = new Sequential([
    new Conv2d(1, 2, { kernelSize: 3, padding: 1, generator: gen }),
    new BatchNorm2d(2),
    new ReLU(),
    new Flatten(),
    new Linear(2 * 4 * 4, 5, { generator: gen }),
    new BatchNorm1d(5),
    new ReLU(),
    new Linear(5, 3, { generator: gen }),
  ]).cast('float64');
  // Running statistics and affine parameters away from their initial values.
  const state = model.stateDict();
  const set = (name: string, values: number[]): void => void state[name]!.storage.set(values, state[name]!.offset);
  set('1.running_mean', [0.3, -0.2]);
  set('1.running_var', [2, 0.5]);
  set('1.weight', [1.5, -0.7]);
  set('1.bias', [0.1, 0.4]);
  set('5.running_mean', [0.1, 0.2, -0.3, 0, 0.5]);
  set('5.running_var', [0.3, 1, 4, 2, 0.8]);
  set('5.weight', [1, 2, -1, 0.5, 1]);
  set('5.bias', [0, 0.1, -0.1, 0.2, 0]);
  return model;
}

describe('foldBatchNorm', () => {
  it('gives the same outputs as the model in eval mode, without BatchNorm layers', () => {
    const model = bnModel();
    const folded = foldBatchNorm(model);
    const x = randn([3, 1, 4, 4], { generator: g(22), dtype: 'float64' });
    assertClose(folded.call(x), model.eval().call(x), { atol: 1e-12 });
    assert.deepEqual(
      folded.namedModules().map(([, m]) => m.constructor.name),
      ['Sequential', 'Conv2d', 'ReLU', 'Flatten', 'Linear', 'ReLU', 'Linear'],
    );
    assert.ok(model.namedModules().some(([, m]) => m instanceof BatchNorm2d), 'the original is untouched');
  });

  it('LRP folds batch norm on the fly, keeping the original layer names', () => {
    const model = bnModel();
    const x = randn([2, 1, 4, 4], { generator: g(23), dtype: 'float64' });
    const direct = lrp(model, x, { rule: 'epsilon' });
    const viaFolded = lrp(foldBatchNorm(model), x, { rule: 'epsilon', target: [...direct.target] });
    assertClose(direct.attribution, viaFolded.attribution, { atol: 1e-12 });
    assert.deepEqual(
      direct.extras.conservation!.map((l) => `${l.name}:${l.type}`),
      ['7:Linear', '6:ReLU', '4:Linear+BatchNorm1d', '3:Flatten', '2:ReLU', '0:Conv2d+BatchNorm2d'],
    );
  });
});

describe('composites', () => {
  it('applies epsilon to dense layers, gamma to convolutions and zB to the first layer, with overrides by name', () => {
    const model = reluCnn(24, true);
    const x = rand([2, 1, 8, 8], { generator: g(25), dtype: 'float64' });
    const spec = composite({ dense: 'epsilon', conv: 'gamma', first: { name: 'zB', low: 0, high: 1 } });
    const rules = (r: ReturnType<typeof lrp>) => Object.fromEntries(r.extras.conservation!.map((l) => [l.name, l.rule]));
    const r = lrp(model, x, { composite: spec });
    assert.deepEqual(rules(r), { '7': 'epsilon', '6': 'pass', '5': 'epsilon', '4': 'pass', '3': 'gamma', '2': 'pass', '1': 'pass', '0': 'zB' });
    const overridden = lrp(model, x, { composite: { ...spec, layers: { '7': 'zero', '5': 'zero' } } });
    assert.equal(rules(overridden)['7'], 'zero');
    assert.equal(rules(overridden)['5'], 'zero');
    // A composite result differs from plain epsilon everywhere below the dense head.
    const plain = lrp(model, x, { rule: 'epsilon' });
    assert.notDeepEqual(Array.from(r.attribution.values()), Array.from(plain.attribution.values()));
  });

  it('rejects unknown fields and rules', () => {
    assertThrowsWith(() => composite({ dense: 'epsilon', convs: 'gamma' } as never), ConfigError, ["unknown composite field 'convs'"]);
    assertThrowsWith(() => composite({ dense: 'eps' as never }), ConfigError, ["unknown rule 'eps'", 'zero, epsilon, gamma']);
  });
});

describe('unsupported layers', () => {
  it('names the layer, its type and the rules that support it', () => {
    const x = randn([2, 6], { generator: g(26), dtype: 'float64' });
    const withNorm = new Sequential([new Linear(6, 4, { generator: g(1) }), new LayerNorm([4]), new Linear(4, 2, { generator: g(2) })]).cast('float64');
    assertThrowsWith(() => lrp(withNorm, x), ConfigError, ["layer '1' (LayerNorm)", "rule 'epsilon'", 'no LRP rule supports LayerNorm']);
    const withSoftmax = new Sequential([reluMlp(3, true), new Softmax(1)]);
    assertThrowsWith(() => lrp(withSoftmax, x), ConfigError, ["layer '1' (Softmax)"]);
    const lonelyNorm = new Sequential([new BatchNorm1d(6), new Linear(6, 2, { generator: g(3) })]).cast('float64');
    assertThrowsWith(() => lrp(lonelyNorm, x), ConfigError, ["layer '0' (BatchNorm1d)", 'folded into the preceding Linear/Conv2d']);
  });

  it('refuses a rule assigned to a layer that cannot take it, listing the ones that can', () => {
    const model = reluCnn(27, false);
    const x = randn([1, 1, 8, 8], { generator: g(28), dtype: 'float64' });
    assertThrowsWith(() => lrp(model, x, { composite: { layers: { '5': 'gamma' } } }), ConfigError, ["layer '5' (AvgPool2d)", "rule 'gamma'", 'rules that support AvgPool2d: zero, epsilon']);
    assertThrowsWith(() => lrp(model, x, { composite: { layers: { '2': 'epsilon' } } }), ConfigError, ["layer '2' (MaxPool2d)", 'rules that support MaxPool2d: pass']);
    assertThrowsWith(() => lrp(model, x, { composite: { layers: { '1': 'zPlus' } } }), ConfigError, ["layer '1' (ReLU)"]);
  });
});
