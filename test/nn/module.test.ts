import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { Linear } from '../../src/nn/layers/linear.js';
import { ReLU } from '../../src/nn/layers/activations.js';
import { Dropout } from '../../src/nn/layers/dropout.js';
import { BatchNorm1d } from '../../src/nn/layers/batch-norm-1d.js';
import { Module } from '../../src/nn/module.js';
import { Sequential } from '../../src/nn/sequential.js';
import type { Tensor } from '../../src/tensor/index.js';
import { full, ones, randn, tensor, zeros } from '../../src/tensor/index.js';
import { RNN } from '../../src/nn/layers/rnn.js';
import { assertClose, assertThrowsWith } from '../helpers/assert-close.js';
import { setParams } from './helpers.js';

class Scale extends Module {
  constructor() {
    super();
    this.registerParameter('w', ones([2]));
    this.registerBuffer('count', zeros([1]));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.param('w'));
  }
  tryRegister(name: string): void {
    this.registerParameter(name, zeros([1]));
  }
}

class TwoLayer extends Module {
  fc1 = this.registerModule('fc1', new Linear(2, 3));
  act = this.registerModule('act', new ReLU());
  fc2 = this.registerModule('fc2', new Linear(3, 1));
  forward(x: Tensor): Tensor {
    return this.fc2.call(this.act.call(this.fc1.call(x)));
  }
}

describe('Module registration', () => {
  it('names parameters, buffers and children with dotted paths', () => {
    const m = new TwoLayer();
    assert.deepEqual(
      m.namedParameters().map(([n]) => n),
      ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'],
    );
    assert.deepEqual(m.namedChildren().map(([n]) => n), ['fc1', 'act', 'fc2']);
    assert.equal(m.parameterCount(), 2 * 3 + 3 + 3 + 1);
    assert.ok(m.parameters().every((p) => p.requiresGrad));
  });

  it('refuses a name registered twice', () => {
    const m = new Scale();
    assertThrowsWith(() => m.tryRegister('w'), ConfigError, ["'w' is already registered"]);
    assertThrowsWith(() => m.tryRegister('count'), ConfigError, ["'count' is already registered"]);
  });

  it('refuses dotted and empty names', () => {
    const m = new Scale();
    assertThrowsWith(() => m.tryRegister('a.b'), ConfigError, ["invalid name 'a.b'", 'without dots']);
    assertThrowsWith(() => m.tryRegister(''), ConfigError, ['invalid name']);
  });

  it('refuses a non-leaf parameter', () => {
    const m = new Scale();
    const nonLeaf = ones([1], { requiresGrad: true }).mul(2);
    assertThrowsWith(() => (m as unknown as { registerParameter(n: string, t: Tensor): void }).registerParameter('v', nonLeaf), ConfigError, ['not a leaf']);
  });
});

describe('Module modes', () => {
  it('train() and eval() reach every descendant', () => {
    const m = new Sequential([new Linear(2, 2), new Sequential([new Dropout(0.5), new BatchNorm1d(2)])]);
    m.eval();
    assert.ok(m.namedModules().every(([, c]) => !c.training));
    m.train();
    assert.ok(m.namedModules().every(([, c]) => c.training));
  });
});

describe('Module state dict', () => {
  it('round-trips parameters and buffers into a fresh module', () => {
    const a = new Sequential([new Linear(2, 2), new BatchNorm1d(2)]);
    a.call(tensor([[1, 2], [3, 5]]));
    const b = new Sequential([new Linear(2, 2), new BatchNorm1d(2)]);
    b.loadStateDict(a.stateDict());
    const keys = Object.keys(a.stateDict());
    assert.deepEqual(keys, ['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked']);
    for (const k of keys) assert.deepEqual(b.stateDict()[k]!.toArray(), a.stateDict()[k]!.toArray());
    a.eval();
    b.eval();
    const x = tensor([[0.5, -1]]);
    assertClose(b.call(x), a.call(x));
  });

  it('copies values, so later changes to the source do not leak', () => {
    const a = new Linear(1, 1);
    const b = new Linear(1, 1);
    b.loadStateDict(a.stateDict());
    setParams(a, { weight: [[42]] });
    assert.notEqual(b.weight.item(), 42);
  });

  it('strict loading reports missing and unexpected keys', () => {
    const m = new Linear(2, 2);
    const state = m.stateDict();
    assertThrowsWith(() => m.loadStateDict({ weight: state.weight! }), ConfigError, ['missing [bias]']);
    assertThrowsWith(() => m.loadStateDict({ ...state, extra: zeros([1]) }), ConfigError, ['unexpected [extra]']);
    const report = m.loadStateDict({ weight: state.weight!, extra: zeros([1]) }, { strict: false });
    assert.deepEqual(report, { missing: ['bias'], unexpected: ['extra'] });
  });

  it('rejects shape and dtype mismatches', () => {
    const m = new Linear(2, 2);
    assertThrowsWith(() => m.loadStateDict({ weight: zeros([3, 2]), bias: zeros([2]) }), ConfigError, ["'weight' has shape [3,2]", '[2,2]']);
    assertThrowsWith(() => m.loadStateDict({ weight: zeros([2, 2], { dtype: 'float64' }), bias: zeros([2]) }), ConfigError, ["'weight' is float64"]);
  });
});

describe('Module.cast', () => {
  it('converts float parameters and buffers, keeps int32 counters and requiresGrad', () => {
    const m = new Sequential([new Linear(2, 2), new BatchNorm1d(2)]);
    const before = m.stateDict()['0.weight']!.toArray();
    m.cast('float64');
    const state = m.stateDict();
    assert.equal(state['0.weight']!.dtype, 'float64');
    assert.equal(state['1.running_var']!.dtype, 'float64');
    assert.equal(state['1.num_batches_tracked']!.dtype, 'int32');
    assert.ok(m.parameters().every((p) => p.requiresGrad && p.isLeaf));
    assertClose(state['0.weight']!, before, { atol: 0, rtol: 0 });
    assert.equal(m.call(zeros([3, 2], { dtype: 'float64' })).dtype, 'float64');
  });
});

describe('Module hooks', () => {
  it('forward pre-hooks and forward hooks see the inputs and the output, and may replace them', () => {
    const m = new Scale();
    setParams(m, { w: [2, 3] });
    const seen: unknown[] = [];
    const pre = m.registerForwardPreHook((_mod, inputs) => [(inputs[0] as Tensor).add(1)]);
    const post = m.registerForwardHook((mod, inputs, output) => {
      seen.push(mod, (inputs[0] as Tensor).toArray(), (output as Tensor).toArray());
    });
    const y = m.call(tensor([1, 1]));
    assert.deepEqual(y.toArray(), [4, 6]);
    assert.equal(seen[0], m);
    assert.deepEqual(seen.slice(1), [[2, 2], [4, 6]]);
    pre.remove();
    post.remove();
    assert.deepEqual(m.call(tensor([1, 1])).toArray(), [2, 3]);
    assert.equal(seen.length, 3);
  });

  it('backward hooks receive dL/d(output) of the layer', () => {
    const m = new TwoLayer();
    let gradOut: Tensor | null = null;
    let outSeen: Tensor | null = null;
    const handle = m.fc1.registerBackwardHook((_mod, g, out) => {
      gradOut = g;
      outSeen = out;
    });
    setParams(m, { 'fc1.weight': [[1, 0], [0, 1], [1, 1]], 'fc1.bias': [0, 0, 0], 'fc2.weight': [[2, -3, 5]], 'fc2.bias': [0] });
    const y = m.call(tensor([[1, 2]]));
    y.sum().backward();
    // fc1 output h = [1, 2, 3] > 0 so relu passes it; dL/dh = fc2.weight = [2, -3, 5].
    assert.ok(gradOut !== null && outSeen !== null);
    assertClose(gradOut, [[2, -3, 5]]);
    assertClose(outSeen, [[1, 2, 3]]);
    handle.remove();
    gradOut = null;
    m.call(tensor([[1, 2]])).sum().backward();
    assert.equal(gradOut, null);
  });

  it('backward hooks of a recurrent layer see dL/d(output sequence)', () => {
    const rnn = new RNN(2, 3);
    let seen: Tensor | null = null;
    rnn.registerBackwardHook((_m, g) => {
      seen = g;
    });
    const [out] = rnn.call(randn([2, 4, 2]));
    out.mul(3).sum().backward();
    assert.ok(seen !== null);
    assertClose(seen, full([2, 4, 3], 3));
  });
});
