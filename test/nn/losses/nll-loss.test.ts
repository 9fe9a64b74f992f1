import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { DTypeError, IndexError, ShapeError } from '../../../src/errors/index.js';
import { nllLoss } from '../../../src/nn/losses/nll-loss.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../../helpers/assert-close.js';

const f = { dtype: 'float64' } as const;
const logProbs = (): ReturnType<typeof tensor> => tensor([[-0.5, -1, -2], [-3, -0.1, -4]], { ...f, requiresGrad: true });
const target = tensor([1, 2], { dtype: 'int32' });

describe('nllLoss', () => {
  it('picks -logProbs[i, y_i]', () => {
    assertClose(nllLoss(logProbs(), target), (1 + 4) / 2, f64);
    assertClose(nllLoss(logProbs(), target, { reduction: 'sum' }), 5, f64);
    assertClose(nllLoss(logProbs(), target, { reduction: 'none' }), [1, 4], f64);
  });

  it('weights by class, mean over the summed target weights', () => {
    assertClose(nllLoss(logProbs(), target, { weight: tensor([1, 2, 3], f) }), (2 * 1 + 3 * 4) / 5, f64);
  });

  it('the gradient is -w[y]/Σw at the target, 0 elsewhere', () => {
    const x = logProbs();
    nllLoss(x, target, { weight: tensor([1, 2, 3], f) }).backward();
    assertClose(x.grad!, [[0, -0.4, 0], [0, 0, -0.6]], f64);
    gradcheck((lp) => nllLoss(lp!, target, { reduction: 'none' }), [logProbs()]);
  });

  it('checks the target', () => {
    assertThrowsWith(() => nllLoss(logProbs(), tensor([0, 5], { dtype: 'int32' })), IndexError, ['nllLoss', 'target index 5', '3 classes']);
    assertThrowsWith(() => nllLoss(logProbs(), tensor([0, 1], f)), DTypeError, ['int32']);
    assertThrowsWith(() => nllLoss(logProbs(), tensor([0], { dtype: 'int32' })), ShapeError, ['nllLoss', '[2,3]', '[1]']);
  });
});
