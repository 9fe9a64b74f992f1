import type { SchedulableOptimizer } from './lr-scheduler.js';
import { LRScheduler, checkSetting } from './lr-scheduler.js';

/**
 * Multiplies the learning rate by `gamma` every step, as torch ExponentialLR: lr = base·gamma^step.
 * @example const sched = new ExponentialLR(opt, 0.95);
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, gamma: number) {
    super(optimizer);
    this.gamma = gamma;
    checkSetting('ExponentialLR', 'gamma', gamma, gamma > 0, 'a number > 0');
    this.apply();
  }

  protected lrAt(baseLr: number, step: number): number {
    return baseLr * this.gamma ** step;
  }
}
