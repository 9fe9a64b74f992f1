import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { ShapeError } from '../../../src/errors/index.js';
import { binaryCrossEntropyWithLogits as bce } from '../../../src/nn/losses/binary-cross-entropy-with-logits.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../../helpers/assert-close.js';

const f = { dtype: 'float64' } as const;
const xs = [0, 2, -3];
const ys = [1, 0, 0.5];
const logits = (): ReturnType<typeof tensor> => tensor(xs, { ...f, requiresGrad: true });
const target = tensor(ys, f);
const sig = (x: number): number => 1 / (1 + Math.exp(-x));
/** The textbook definition -[p·y·log σ(x) + (1-y)·log(1-σ(x))]. */
const naive = (x: number, y: number, p = 1): number => -(p * y * Math.log(sig(x)) + (1 - y) * Math.log(1 - sig(x)));

describe('binaryCrossEntropyWithLogits', () => {
  it('matches -[y log σ(x) + (1-y) log(1-σ(x))]', () => {
    const per = xs.map((x, i) => naive(x, ys[i]!));
    assertClose(bce(logits(), target, { reduction: 'none' }), per, f64);
    assertClose(per[0]!, Math.LN2, f64);
    assertClose(bce(logits(), target), (per[0]! + per[1]! + per[2]!) / 3, f64);
    assertClose(bce(logits(), target, { reduction: 'sum' }), per[0]! + per[1]! + per[2]!, f64);
  });

  it('posWeight multiplies the positive term; weight rescales elements', () => {
    assertClose(bce(logits(), target, { posWeight: 3, reduction: 'none' }), xs.map((x, i) => naive(x, ys[i]!, 3)), f64);
    const pw = tensor([3], f);
    assertClose(bce(logits(), target, { posWeight: pw, reduction: 'none' }), xs.map((x, i) => naive(x, ys[i]!, 3)), f64);
    const w = tensor([1, 0.5, 2], f);
    assertClose(bce(logits(), target, { weight: w, reduction: 'none' }), xs.map((x, i) => naive(x, ys[i]!) * [1, 0.5, 2][i]!), f64);
  });

  it('is stable where σ(x) rounds to 0 or 1', () => {
    const x = tensor([1000, -1000, 800], f);
    assertClose(bce(x, tensor([0, 1, 1], f), { reduction: 'none' }), [1000, 1000, 0], f64);
    assertClose(bce(x, tensor([0, 1, 1], f), { posWeight: 2, reduction: 'none' }), [1000, 2000, 0], f64);
  });

  it('the gradient is σ(x) - y (exact at x = 0), and gradcheck passes', () => {
    const x = logits();
    bce(x, target, { reduction: 'sum' }).backward();
    assertClose(x.grad!, xs.map((v, i) => sig(v) - ys[i]!), f64);
    gradcheck((a) => bce(a!, target, { posWeight: 2, weight: tensor([1, 0.5, 2], f) }), [tensor([0.3, 2, -3], { ...f, requiresGrad: true })]);
    gradcheck((a) => bce(a!, target, { reduction: 'none' }), [tensor([0.3, 2, -3], { ...f, requiresGrad: true })]);
  });

  it('names the loss and both shapes', () => {
    assertThrowsWith(() => bce(logits(), tensor([[1, 0, 1]], f)), ShapeError, ['binaryCrossEntropyWithLogits', '[3]', '[1,3]']);
  });
});
