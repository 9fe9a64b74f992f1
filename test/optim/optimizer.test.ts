import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { Adagrad } from '../../src/optim/adagrad.js';
import { Adam } from '../../src/optim/adam.js';
import { AdamW } from '../../src/optim/adamw.js';
import type { Optimizer } from '../../src/optim/optimizer.js';
import { RMSProp } from '../../src/optim/rmsprop.js';
import { SGD } from '../../src/optim/sgd.js';
import type { Tensor } from '../../src/tensor/index.js';
import { randn, tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/tensor/random.js';
import { assertThrowsWith } from '../helpers/assert-close.js';

type Make = (params: Tensor[]) => Optimizer;

const makers: Record<string, Make> = {
  'SGD nesterov + weight decay': (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  'Adam amsgrad + weight decay': (ps) => new Adam(ps, { lr: 0.01, amsgrad: true, weightDecay: 0.01 }),
  AdamW: (ps) => new AdamW(ps, { lr: 0.01 }),
  'RMSProp centered + momentum': (ps) => new RMSProp(ps, { lr: 0.01, centered: true, momentum: 0.5 }),
  'Adagrad lrDecay': (ps) => new Adagrad(ps, { lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.1 }),
};

/** Two float32 parameters (a matrix and a vector) with seeded values. */
function makeParams(): Tensor[] {
  const gen = new Generator(3);
  return [randn([3, 2], { generator: gen, requiresGrad: true }), randn([2], { generator: gen, requiresGrad: true })];
}

/** Gives each parameter a gradient that depends on the step and the parameter (like a real loss). */
function setGrads(params: Tensor[], step: number): void {
  for (const p of params) {
    const v = [...p.values()].map((x, i) => Math.sin(x * 3 + step + i) + 0.1 * x);
    p.grad = tensor(v, { shape: p.shape });
  }
}

function run(opt: Optimizer, params: Tensor[], from: number, to: number): void {
  for (let s = from; s < to; s++) {
    setGrads(params, s);
    opt.step();
  }
}

describe('Optimizer state dict', () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: resuming from a state dict continues bit for bit`, () => {
      const params = makeParams();
      const opt = make(params);
      run(opt, params, 0, 3);
      const saved = opt.stateDict();
      const savedValues = params.map((p) => Float32Array.from(p.values()));
      run(opt, params, 3, 5);

      const fresh = makeParams().map((p, i) => {
        p.storage.set(savedValues[i]!);
        return p;
      });
      const resumed = make(fresh);
      resumed.loadStateDict(saved);
      run(resumed, fresh, 3, 5);
      params.forEach((p, i) => assert.deepEqual([...fresh[i]!.values()], [...p.values()]));
      // And the two optimizers hold equal state now.
      assert.deepEqual(
        JSON.stringify(resumed.stateDict(), (_k, v: unknown) => (v instanceof Object && 'storage' in v ? [...(v as Tensor).values()] : v)),
        JSON.stringify(opt.stateDict(), (_k, v: unknown) => (v instanceof Object && 'storage' in v ? [...(v as Tensor).values()] : v)),
      );
    });
  }

  it('a state dict is a snapshot: later steps do not change it', () => {
    const params = makeParams();
    const opt = new SGD(params, { lr: 0.1, momentum: 0.9 });
    run(opt, params, 0, 1);
    const saved = opt.stateDict();
    const buf = saved.state[0]!['momentumBuffer'] as Tensor;
    const before = [...buf.values()];
    run(opt, params, 1, 3);
    assert.deepEqual([...buf.values()], before);
  });

  it('restores the group hyperparameters (a scheduled lr)', () => {
    const params = makeParams();
    const opt = new Adam(params, { lr: 0.01 });
    opt.paramGroups[0]!.options.lr = 0.002;
    const other = new Adam(makeParams(), { lr: 0.01 });
    other.loadStateDict(opt.stateDict());
    assert.equal(other.paramGroups[0]!.options.lr, 0.002);
  });

  it('refuses a state dict of another shape', () => {
    const opt = new SGD(makeParams(), { lr: 0.1, momentum: 0.9 });
    run(opt, opt.params(), 0, 1);
    const small = new SGD([tensor([1], { requiresGrad: true }), tensor([2, 3], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
    assertThrowsWith(() => small.loadStateDict(opt.stateDict()), ConfigError, ["state 'momentumBuffer' of parameter 0 has 6 values, the parameter has 1"]);
    const twoGroups = new SGD([{ params: [tensor([1], { requiresGrad: true })] }, { params: [tensor([1], { requiresGrad: true })] }], { lr: 0.1 });
    assertThrowsWith(() => twoGroups.loadStateDict(opt.stateDict()), ConfigError, ['1 groups saved, optimizer has 2']);
  });

  it('zeroGrad clears every gradient; a parameter may be in only one group', () => {
    const params = makeParams();
    const opt = new SGD(params, { lr: 0.1 });
    setGrads(params, 0);
    opt.zeroGrad();
    assert.ok(params.every((p) => p.grad === null));
    assertThrowsWith(() => new SGD([{ params: [params[0]!] }, { params: [params[0]!] }]), ConfigError, ['more than one group']);
  });
});
