import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { ConfigError, IndexError, ShapeError } from '../../../src/errors/index.js';
import { crossEntropy } from '../../../src/nn/losses/cross-entropy.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../../helpers/assert-close.js';

const f = { dtype: 'float64' } as const;
const rows = [
  [1, 2, 3],
  [1, 0, -2],
];
/** -log softmax(row)[c], written out: log Σ exp(x_j) - x_c. */
const nll = (row: number[], c: number): number => Math.log(row.reduce((s, x) => s + Math.exp(x), 0)) - row[c]!;
const logits = (): ReturnType<typeof tensor> => tensor(rows, { ...f, requiresGrad: true });
const labels = tensor([2, 0], { dtype: 'int32' });
const l0 = nll(rows[0]!, 2); // 0.40760596...
const l1 = nll(rows[1]!, 0); // 0.34901221...

describe('crossEntropy with class indices', () => {
  it('mean, sum and none reductions', () => {
    assertClose(crossEntropy(logits(), labels), (l0 + l1) / 2, f64);
    assertClose(crossEntropy(logits(), labels, { reduction: 'sum' }), l0 + l1, f64);
    assertClose(crossEntropy(logits(), labels, { reduction: 'none' }), [l0, l1], f64);
    assertClose([l0, l1], [0.40760596444438, 0.34901221676819], { atol: 1e-12 });
  });

  it("class weights: 'mean' divides by the summed weights of the targets", () => {
    const weight = tensor([0.2, 0.3, 0.5], f);
    assertClose(crossEntropy(logits(), labels, { weight }), (0.5 * l0 + 0.2 * l1) / 0.7, f64);
    assertClose(crossEntropy(logits(), labels, { weight, reduction: 'none' }), [0.5 * l0, 0.2 * l1], f64);
  });

  it('label smoothing mixes in the mean of -log p over classes', () => {
    const eps = 0.1;
    const all = (row: number[]): number => [0, 1, 2].reduce((s, c) => s + nll(row, c), 0);
    const per0 = (1 - eps) * l0 + (eps / 3) * all(rows[0]!);
    const per1 = (1 - eps) * l1 + (eps / 3) * all(rows[1]!);
    assertClose(crossEntropy(logits(), labels, { labelSmoothing: eps }), (per0 + per1) / 2, f64);
    assertClose(crossEntropy(logits(), labels, { labelSmoothing: eps, reduction: 'none' }), [per0, per1], f64);
  });

  it('label smoothing with weights normalizes both terms by Σ w[y] (as PyTorch)', () => {
    const eps = 0.2;
    const w = [0.2, 0.3, 0.5];
    const wAll = (row: number[]): number => [0, 1, 2].reduce((s, c) => s + w[c]! * nll(row, c), 0);
    const expected = ((1 - eps) * (0.5 * l0 + 0.2 * l1)) / 0.7 + ((eps / 3) * (wAll(rows[0]!) + wAll(rows[1]!))) / 0.7;
    assertClose(crossEntropy(logits(), labels, { labelSmoothing: eps, weight: tensor(w, f) }), expected, f64);
  });

  it('the gradient is (softmax - onehot)/N', () => {
    const x = logits();
    crossEntropy(x, labels).backward();
    const sm = (row: number[]): number[] => row.map((v) => Math.exp(v) / row.reduce((s, u) => s + Math.exp(u), 0));
    const [s0, s1] = [sm(rows[0]!), sm(rows[1]!)];
    assertClose(x.grad!, [[s0[0]! / 2, s0[1]! / 2, (s0[2]! - 1) / 2], [(s1[0]! - 1) / 2, s1[1]! / 2, s1[2]! / 2]], f64);
  });

  it('is stable for huge logits', () => {
    const x = tensor([[1000, 0], [-1000, 1000]], f);
    assertClose(crossEntropy(x, tensor([1, 1], { dtype: 'int32' }), { reduction: 'none' }), [1000, 0], f64);
  });

  it('passes gradcheck (weights, smoothing, every reduction)', () => {
    const weight = tensor([0.2, 0.3, 0.5], f);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      gradcheck((x) => crossEntropy(x!, labels, { weight, labelSmoothing: 0.1, reduction }), [logits()]);
    }
  });

  it('names an out-of-range index and the number of classes', () => {
    assertThrowsWith(() => crossEntropy(logits(), tensor([2, 3], { dtype: 'int32' })), IndexError, ['crossEntropy', 'target index 3', '3 classes']);
    assertThrowsWith(() => crossEntropy(logits(), tensor([-1, 0], { dtype: 'int32' })), IndexError, ['target index -1']);
  });

  it('names the loss and both shapes on a shape mismatch', () => {
    assertThrowsWith(() => crossEntropy(logits(), tensor([0, 1, 2], { dtype: 'int32' })), ShapeError, ['crossEntropy', '[2,3]', '[3]']);
    assertThrowsWith(() => crossEntropy(logits(), tensor([0.5, 0.5], f)), ShapeError, ['crossEntropy', '[2,3]', '[2]']);
    assertThrowsWith(() => crossEntropy(tensor([1, 2], f), labels), ShapeError, ['[N, C]', '[2]']);
    assertThrowsWith(() => crossEntropy(logits(), labels, { weight: tensor([1, 2], f) }), ShapeError, ['weight', '[3]', '[2]']);
    assertThrowsWith(() => crossEntropy(logits(), labels, { labelSmoothing: 1.5 }), ConfigError, ['Invalid labelSmoothing: 1.5']);
  });
});

describe('crossEntropy with probability targets', () => {
  const probs = tensor([[0.1, 0.2, 0.7], [1, 0, 0]], f);
  const soft = (row: number[], t: number[]): number => t.reduce((s, tc, c) => s + tc * nll(row, c), 0);

  it('is -Σ t·log p, with mean over N', () => {
    const p0 = soft(rows[0]!, [0.1, 0.2, 0.7]);
    const p1 = soft(rows[1]!, [1, 0, 0]);
    assertClose(crossEntropy(logits(), probs), (p0 + p1) / 2, f64);
    assertClose(crossEntropy(logits(), probs, { reduction: 'none' }), [p0, p1], f64);
  });

  it('smooths the target to (1-ε)t + ε/C and weights classes, mean still over N', () => {
    const eps = 0.3;
    const w = [0.2, 0.3, 0.5];
    const sm = (t: number[]): number[] => t.map((v, c) => ((1 - eps) * v + eps / 3) * w[c]!);
    const expected = (soft(rows[0]!, sm([0.1, 0.2, 0.7])) + soft(rows[1]!, sm([1, 0, 0]))) / 2;
    assertClose(crossEntropy(logits(), probs, { labelSmoothing: eps, weight: tensor(w, f) }), expected, f64);
  });

  it('one-hot probabilities give the same loss as class indices, smoothing included', () => {
    const onehot = tensor([[0, 0, 1], [1, 0, 0]], f);
    assertClose(crossEntropy(logits(), onehot, { labelSmoothing: 0.1 }), crossEntropy(logits(), labels, { labelSmoothing: 0.1 }), f64);
  });

  it('passes gradcheck w.r.t. the logits', () => {
    gradcheck((x) => crossEntropy(x!, probs, { labelSmoothing: 0.1, weight: tensor([1, 2, 0.5], f) }), [logits()]);
  });

  it('rejects a float target that is not class indices nor [N, C]', () => {
    const err = assertThrowsWith(() => crossEntropy(logits(), tensor([[1, 0]], f)), ShapeError, ['crossEntropy']);
    assert.ok(err.message.includes('[1,2]'));
    assertThrowsWith(() => crossEntropy(logits(), labels.cast('float64').reshape(2, 1)), ShapeError, ['[2,1]']);
  });
});
