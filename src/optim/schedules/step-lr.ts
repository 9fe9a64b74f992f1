import type { SchedulableOptimizer } from './lr-scheduler.js';
import { LRScheduler, checkSetting } from './lr-scheduler.js';

/** Options of StepLR. */
export interface StepLROptions {
  /** Multiplier applied every `stepSize` steps. @default 0.1 */
  readonly gamma?: number;
}

/**
 * Multiplies the learning rate by `gamma` every `stepSize` steps, as torch StepLR:
 * lr = base·gamma^⌊step / stepSize⌋.
 * @example const sched = new StepLR(opt, 30, { gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, stepSize: number, options: StepLROptions = {}) {
    super(optimizer);
    this.stepSize = stepSize;
    this.gamma = options.gamma ?? 0.1;
    checkSetting('StepLR', 'stepSize', stepSize, Number.isInteger(stepSize) && stepSize >= 1, 'an integer >= 1');
    checkSetting('StepLR', 'gamma', this.gamma, this.gamma > 0, 'a number > 0');
    this.apply();
  }

  protected lrAt(baseLr: number, step: number): number {
    return baseLr * this.gamma ** Math.floor(step / this.stepSize);
  }
}
