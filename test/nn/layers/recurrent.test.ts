import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../../src/errors/index.js';
import { GRU } from '../../../src/nn/layers/gru.js';
import { LSTM } from '../../../src/nn/layers/lstm.js';
import { RNN } from '../../../src/nn/layers/rnn.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

type Mat = number[][];
const sig = (v: number): number => 1 / (1 + Math.exp(-v));
/** Rows [g·H, (g+1)·H) of W·v + b: gate g's pre-activation, in plain numbers. */
function affine(w: Mat, b: number[], v: number[], g: number, h: number): number[] {
  return Array.from({ length: h }, (_, r) => b[g * h + r]! + w[g * h + r]!.reduce((s, wij, j) => s + wij * v[j]!, 0));
}
const params = (m: { stateDict(): Record<string, Tensor> }, k = 0) => {
  const s = m.stateDict();
  return {
    wih: s[`weight_ih_l${k}`]!.toArray() as Mat,
    whh: s[`weight_hh_l${k}`]!.toArray() as Mat,
    bih: s[`bias_ih_l${k}`]!.toArray() as number[],
    bhh: s[`bias_hh_l${k}`]!.toArray() as number[],
  };
};

describe('RNN', () => {
  it('matches h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) unrolled by hand', () => {
    const rnn = new RNN(1, 1);
    setParams(rnn, { weight_ih_l0: [[0.5]], weight_hh_l0: [[-1]], bias_ih_l0: [0.1], bias_hh_l0: [0.2] });
    const [out, hN] = rnn.call(tensor([[[1], [2]]]));
    const h1 = Math.tanh(0.5 + 0.3);
    const h2 = Math.tanh(1.0 + 0.3 - h1);
    assertClose(out, [[[h1], [h2]]]);
    assertClose(hN, [[[h2]]]);
  });

  it('supports relu, an initial state and stacked layers', () => {
    const rnn = new RNN(1, 1, { nonlinearity: 'relu' });
    setParams(rnn, { weight_ih_l0: [[1]], weight_hh_l0: [[2]], bias_ih_l0: [0], bias_hh_l0: [-1] });
    const [out] = rnn.call(tensor([[[1], [-1]]]), tensor([[[0.5]]]));
    // h1 = relu(1 + 2·0.5 − 1) = 1; h2 = relu(−1 + 2 − 1) = 0
    assertClose(out, [[[1], [0]]]);
    const deep = new RNN(3, 4, { numLayers: 2 });
    const [o, h] = deep.call(randn([2, 5, 3]));
    assert.deepEqual([o.shape, h.shape], [[2, 5, 4], [2, 2, 4]]);
    assert.deepEqual((h.slice(1).toArray()), o.slice(null, 4).toArray());
    assert.deepEqual(deep.stateDict().weight_ih_l1!.shape, [4, 4]);
  });

  it('applies seeded dropout between stacked layers in training only', () => {
    const x = randn([2, 3, 2]);
    const make = () => new RNN(2, 8, { numLayers: 2, dropout: 0.5, generator: new Generator(6) });
    const [a] = make().call(x);
    const [b] = make().call(x);
    assert.deepEqual(a.toArray(), b.toArray());
    const evalNet = make().eval();
    const [c] = evalNet.call(x);
    const plain = new RNN(2, 8, { numLayers: 2 });
    plain.loadStateDict(evalNet.stateDict());
    assert.deepEqual(c.toArray(), plain.call(x)[0].toArray());
    assert.notDeepEqual(a.toArray(), c.toArray());
  });

  it('checks input and state shapes', () => {
    const rnn = new RNN(3, 2);
    assertThrowsWith(() => rnn.call(randn([2, 3])), ShapeError, ['[N, T, 3]', '[2,3]']);
    assertThrowsWith(() => rnn.call(randn([2, 4, 3]), randn([1, 3, 2])), ShapeError, ['h0 must be [1,2,2]']);
  });

  it('passes gradcheck with two layers and an initial state', () => {
    const rnn = new RNN(2, 2, { numLayers: 2, generator: new Generator(1) });
    const h0 = randn([2, 2, 2], { dtype: 'float64', generator: new Generator(2) });
    const x = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(3) });
    gradcheckModule(rnn, x, (v) => {
      const [out, hN] = rnn.call(v, h0);
      return out.sum().add(hN.mul(hN).sum());
    });
  });
});

describe('LSTM', () => {
  it('matches PyTorch’s gate equations (i, f, g, o) unrolled by hand for 2 steps', () => {
    const lstm = new LSTM(2, 2, { generator: new Generator(4) }).cast('float64');
    const x = [[[0.5, -1], [1.5, 0.25]]];
    const h0 = [[[0.1, -0.2]]];
    const c0 = [[[0.3, 0.4]]];
    const [out, [hN, cN]] = lstm.call(tensor(x, { dtype: 'float64' }), [tensor(h0, { dtype: 'float64' }), tensor(c0, { dtype: 'float64' })]);
    const p = params(lstm);
    let h = h0[0]![0]!;
    let c = c0[0]![0]!;
    const hs: number[][] = [];
    for (const xt of x[0]!) {
      const pre = (g: number) => affine(p.wih, p.bih, xt, g, 2).map((v, r) => v + affine(p.whh, p.bhh, h, g, 2)[r]!);
      const i = pre(0).map(sig);
      const f = pre(1).map(sig);
      const g = pre(2).map(Math.tanh);
      const o = pre(3).map(sig);
      c = c.map((cv, r) => f[r]! * cv + i[r]! * g[r]!);
      h = o.map((ov, r) => ov * Math.tanh(c[r]!));
      hs.push(h);
    }
    assertClose(out, [hs], { atol: 1e-12 });
    assertClose(hN, [[h]], { atol: 1e-12 });
    assertClose(cN, [[c]], { atol: 1e-12 });
  });

  it('has PyTorch’s parameter layout and U(−1/√H, 1/√H) init', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2 });
    const shapes = Object.fromEntries(Object.entries(lstm.stateDict()).map(([k, t]) => [k, t.shape]));
    assert.deepEqual(shapes, {
      weight_ih_l0: [16, 3], weight_hh_l0: [16, 4], bias_ih_l0: [16], bias_hh_l0: [16],
      weight_ih_l1: [16, 4], weight_hh_l1: [16, 4], bias_ih_l1: [16], bias_hh_l1: [16],
    });
    assert.ok(lstm.parameters().every((t) => t.values().every((v) => Math.abs(v) <= 0.5)));
    assert.equal(new LSTM(3, 4, { bias: false }).parameters().length, 2);
  });

  it('passes gradcheck through the state', () => {
    const lstm = new LSTM(2, 2, { numLayers: 2, generator: new Generator(5) });
    const x = randn([2, 2, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(6) });
    gradcheckModule(lstm, x, (v) => {
      const [out, [hN, cN]] = lstm.call(v);
      return out.sum().add(hN.sum()).add(cN.mul(cN).sum());
    });
  });
});

describe('GRU', () => {
  it('matches PyTorch’s gate equations (r, z, n) unrolled by hand for 2 steps', () => {
    const gru = new GRU(2, 2, { generator: new Generator(7) }).cast('float64');
    const x = [[[0.5, -1], [1.5, 0.25]]];
    const h0 = [[[0.1, -0.2]]];
    const [out, hN] = gru.call(tensor(x, { dtype: 'float64' }), tensor(h0, { dtype: 'float64' }));
    const p = params(gru);
    let h = h0[0]![0]!;
    const hs: number[][] = [];
    for (const xt of x[0]!) {
      const r = affine(p.wih, p.bih, xt, 0, 2).map((v, k) => sig(v + affine(p.whh, p.bhh, h, 0, 2)[k]!));
      const z = affine(p.wih, p.bih, xt, 1, 2).map((v, k) => sig(v + affine(p.whh, p.bhh, h, 1, 2)[k]!));
      const n = affine(p.wih, p.bih, xt, 2, 2).map((v, k) => Math.tanh(v + r[k]! * affine(p.whh, p.bhh, h, 2, 2)[k]!));
      h = n.map((nv, k) => (1 - z[k]!) * nv + z[k]! * h[k]!);
      hs.push(h);
    }
    assertClose(out, [hs], { atol: 1e-12 });
    assertClose(hN, [[h]], { atol: 1e-12 });
  });

  it('passes gradcheck', () => {
    const gru = new GRU(2, 3, { generator: new Generator(8) });
    const h0 = randn([1, 2, 3], { dtype: 'float64', requiresGrad: true, generator: new Generator(9) });
    const x = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(10) });
    gradcheckModule(gru, x, (v) => gru.call(v, h0)[0]);
  });
});
