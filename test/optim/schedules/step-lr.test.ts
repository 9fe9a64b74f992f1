import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { SGD } from '../../../src/optim/sgd.js';
import { StepLR } from '../../../src/optim/schedules/step-lr.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { lrSequence } from './lr-sequence.js';

describe('StepLR', () => {
  it('multiplies by gamma every stepSize steps and sets the group lr', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    const sched = new StepLR(opt, 2, { gamma: 0.5 });
    assertClose(lrSequence(sched, 5), [1, 1, 0.5, 0.5, 0.25, 0.25]);
    assertClose(opt.paramGroups[0]!.options.lr, 0.25);
  });

  it('schedules each group from its own base lr', () => {
    const opt = new SGD([{ params: [tensor([1], { requiresGrad: true })] }, { params: [tensor([1], { requiresGrad: true })], options: { lr: 0.2 } }], { lr: 1 });
    const sched = new StepLR(opt, 1, { gamma: 0.1 });
    sched.step();
    assertClose(sched.getLastLr(), [0.1, 0.02]);
  });

  it('validates stepSize and gamma', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    assertThrowsWith(() => new StepLR(opt, 0), ConfigError, ['StepLR', 'Invalid stepSize: 0']);
    assertThrowsWith(() => new StepLR(opt, 2, { gamma: -1 }), ConfigError, ['Invalid gamma: -1']);
  });
});
