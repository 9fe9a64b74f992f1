import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import { huberLoss } from '../../../src/nn/losses/huber-loss.js';
import { l1Loss } from '../../../src/nn/losses/l1-loss.js';
import { mseLoss } from '../../../src/nn/losses/mse-loss.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../../helpers/assert-close.js';

const f = { dtype: 'float64' } as const;
// d = input - target = [0.5, -2, 1, 0.25]
const input = (): ReturnType<typeof tensor> => tensor([[1.5, 0], [3, 0.25]], { ...f, requiresGrad: true });
const target = tensor([[1, 2], [2, 0]], f);

describe('mseLoss', () => {
  it('mean/sum/none of d²', () => {
    assertClose(mseLoss(input(), target), (0.25 + 4 + 1 + 0.0625) / 4, f64);
    assertClose(mseLoss(input(), target, { reduction: 'sum' }), 5.3125, f64);
    assertClose(mseLoss(input(), target, { reduction: 'none' }), [[0.25, 4], [1, 0.0625]], f64);
  });
  it('gradient 2d/N, and gradcheck', () => {
    const x = input();
    mseLoss(x, target).backward();
    assertClose(x.grad!, [[0.25, -1], [0.5, 0.125]], f64);
    gradcheck((a) => mseLoss(a!, target, { reduction: 'none' }), [input()]);
  });
  it('names the loss and both shapes', () => {
    assertThrowsWith(() => mseLoss(input(), tensor([1, 2], f)), ShapeError, ['mseLoss', '[2,2]', '[2]']);
    assertThrowsWith(() => mseLoss(input(), target, { reduction: 'avg' as 'mean' }), ConfigError, ["Invalid reduction: 'avg'"]);
  });
});

describe('l1Loss', () => {
  it('mean/sum of |d|, gradient sign(d)/N, gradcheck', () => {
    assertClose(l1Loss(input(), target), 3.75 / 4, f64);
    assertClose(l1Loss(input(), target, { reduction: 'sum' }), 3.75, f64);
    const x = input();
    l1Loss(x, target).backward();
    assertClose(x.grad!, [[0.25, -0.25], [0.25, 0.25]], f64);
    gradcheck((a) => l1Loss(a!, target), [input()]);
    assertThrowsWith(() => l1Loss(input(), tensor([[1, 2]], f)), ShapeError, ['l1Loss', '[2,2]', '[1,2]']);
  });
});

describe('huberLoss', () => {
  it('½d² inside δ, δ(|d| - ½δ) outside', () => {
    // δ = 1: [0.125, 1·(2-0.5), 1·(1-0.5), 0.03125]
    assertClose(huberLoss(input(), target, { reduction: 'none' }), [[0.125, 1.5], [0.5, 0.03125]], f64);
    // δ = 1.5: |d| = 2 is outside: 1.5·(2 - 0.75) = 1.875; |d| = 1 inside: 0.5
    assertClose(huberLoss(input(), target, { delta: 1.5, reduction: 'sum' }), 0.125 + 1.875 + 0.5 + 0.03125, f64);
    assertClose(huberLoss(input(), target), (0.125 + 1.5 + 0.5 + 0.03125) / 4, f64);
  });
  it('gradient d inside, δ·sign(d) outside; gradcheck', () => {
    const x = input();
    huberLoss(x, target, { delta: 1.5, reduction: 'sum' }).backward();
    assertClose(x.grad!, [[0.5, -1.5], [1, 0.25]], f64);
    gradcheck((a) => huberLoss(a!, target, { delta: 1.5 }), [input()]);
  });
  it('validates delta and shapes', () => {
    assertThrowsWith(() => huberLoss(input(), target, { delta: 0 }), ConfigError, ['huberLoss', 'Invalid delta: 0']);
    assertThrowsWith(() => huberLoss(input(), tensor([1], f)), ShapeError, ['huberLoss', '[2,2]', '[1]']);
  });
});
