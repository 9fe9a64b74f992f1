import type { SchedulableOptimizer } from './lr-scheduler.js';
import { LRScheduler, checkSetting } from './lr-scheduler.js';

/** Options of CosineWarmupLR. */
export interface CosineWarmupOptions {
  /** Steps of linear warmup. @default 0 */
  readonly warmupSteps?: number;
  /** Step at which the cosine reaches minLr (and stays there). */
  readonly totalSteps: number;
  /** Final learning rate. @default 0 */
  readonly minLr?: number;
}

/**
 * Linear warmup then cosine decay (Loshchilov & Hutter 2017, SGDR, without restarts; the
 * warmup as in Goyal et al. 2017):
 *
 *     step < W:       lr = base·(step+1)/W
 *     W <= step < T:  lr = minLr + (base-minLr)·½(1 + cos(π·(step-W)/(T-W)))
 *     step >= T:      lr = minLr
 *
 * The first warmup step already trains (lr = base/W), and the rate reaches base at step W.
 * @example const sched = new CosineWarmupLR(opt, { warmupSteps: 100, totalSteps: 1000, minLr: 1e-5 });
 */
export class CosineWarmupLR extends LRScheduler {
  readonly warmupSteps: number;
  readonly totalSteps: number;
  readonly minLr: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineWarmupOptions) {
    super(optimizer);
    this.warmupSteps = options.warmupSteps ?? 0;
    this.totalSteps = options.totalSteps;
    this.minLr = options.minLr ?? 0;
    const op = 'CosineWarmupLR';
    checkSetting(op, 'warmupSteps', this.warmupSteps, Number.isInteger(this.warmupSteps) && this.warmupSteps >= 0, 'an integer >= 0');
    checkSetting(op, 'totalSteps', this.totalSteps, Number.isInteger(this.totalSteps) && this.totalSteps > this.warmupSteps, `an integer > warmupSteps (${this.warmupSteps})`);
    checkSetting(op, 'minLr', this.minLr, this.minLr >= 0, 'a number >= 0');
    this.apply();
  }

  protected lrAt(baseLr: number, step: number): number {
    const w = this.warmupSteps;
    if (step < w) return (baseLr * (step + 1)) / w;
    if (step >= this.totalSteps) return this.minLr;
    const progress = (step - w) / (this.totalSteps - w);
    return this.minLr + (baseLr - this.minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
