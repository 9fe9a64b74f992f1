import { ConfigError } from '../../errors/index.js';
import type { SchedulableOptimizer, SchedulerStateDict } from './lr-scheduler.js';
import { checkSetting } from './lr-scheduler.js';

/** Options of ReduceLROnPlateau. */
export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should fall (a loss); 'max': rise (an accuracy). @default 'min' */
  readonly mode?: 'min' | 'max';
  /** Multiplier applied to lr on a plateau (< 1). @default 0.1 */
  readonly factor?: number;
  /** Steps without improvement tolerated before reducing. @default 10 */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. @default 1e-4 */
  readonly threshold?: number;
  /** 'rel': better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold. @default 'rel' */
  readonly thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction before counting bad steps again. @default 0 */
  readonly cooldown?: number;
  /** Lower bound of the learning rate. @default 0 */
  readonly minLr?: number;
  /** Reductions smaller than eps are skipped. @default 1e-8 */
  readonly eps?: number;
}

/**
 * Reduces the learning rate by `factor` when a metric has stopped improving for more than
 * `patience` steps, as torch ReduceLROnPlateau. Call `step(metric)` after each evaluation.
 * @example const sched = new ReduceLROnPlateau(opt, { patience: 2 }); sched.step(valLoss);
 */
export class ReduceLROnPlateau {
  readonly optimizer: SchedulableOptimizer;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLr: number;
  readonly eps: number;
  /** Best metric seen so far. */
  best: number;
  /** Steps since the last improvement (reset by a reduction and during cooldown). */
  numBadSteps = 0;
  /** Steps of cooldown left. */
  cooldownCounter = 0;
  lastStep = 0;

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const op = 'ReduceLROnPlateau';
    this.optimizer = optimizer;
    this.mode = options.mode ?? 'min';
    this.factor = options.factor ?? 0.1;
    this.patience = options.patience ?? 10;
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? 'rel';
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.eps = options.eps ?? 1e-8;
    if (this.mode !== 'min' && this.mode !== 'max') throw new ConfigError(`${op}: Invalid mode: ${String(this.mode)}`, { expected: "'min' or 'max'" });
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new ConfigError(`${op}: Invalid thresholdMode: ${String(this.thresholdMode)}`, { expected: "'rel' or 'abs'" });
    }
    checkSetting(op, 'factor', this.factor, this.factor >= 0 && this.factor < 1, '0 <= factor < 1');
    checkSetting(op, 'patience', this.patience, Number.isInteger(this.patience) && this.patience >= 0, 'an integer >= 0');
    checkSetting(op, 'cooldown', this.cooldown, Number.isInteger(this.cooldown) && this.cooldown >= 0, 'an integer >= 0');
    checkSetting(op, 'threshold', this.threshold, this.threshold >= 0, 'a number >= 0');
    checkSetting(op, 'minLr', this.minLr, this.minLr >= 0, 'a number >= 0');
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(value: number): boolean {
    const { best, threshold } = this;
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? value < best * (1 - threshold) : value < best - threshold;
    return this.thresholdMode === 'rel' ? value > best * (1 + threshold) : value > best + threshold;
  }

  /** Records one evaluation of the metric, reducing lr after more than `patience` bad steps. */
  step(metric: number): void {
    if (typeof metric !== 'number') throw new ConfigError(`ReduceLROnPlateau.step: the metric must be a number, got ${typeof metric}`);
    this.lastStep += 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadSteps = 0;
    } else {
      this.numBadSteps += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadSteps = 0;
    }
    if (this.numBadSteps > this.patience) {
      for (const g of this.optimizer.paramGroups) {
        const next = Math.max(g.options.lr * this.factor, this.minLr);
        if (g.options.lr - next > this.eps) g.options.lr = next;
      }
      this.cooldownCounter = this.cooldown;
      this.numBadSteps = 0;
    }
  }

  /** The groups' current learning rates. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.options.lr);
  }

  stateDict(): SchedulerStateDict {
    return { lastStep: this.lastStep, best: this.best, numBadSteps: this.numBadSteps, cooldownCounter: this.cooldownCounter };
  }

  /** Restores the counters of a stateDict(); the optimizer's own state dict restores the rates. */
  loadStateDict(state: SchedulerStateDict): void {
    const { lastStep, numBadSteps, cooldownCounter } = state;
    // JSON turns the initial ±Infinity into null; read it back as "nothing seen yet".
    const raw: unknown = state['best'];
    const best = raw === null ? (this.mode === 'min' ? Infinity : -Infinity) : raw;
    if (typeof lastStep !== 'number' || typeof best !== 'number' || typeof numBadSteps !== 'number' || typeof cooldownCounter !== 'number') {
      throw new ConfigError('ReduceLROnPlateau.loadStateDict: expected { lastStep, best, numBadSteps, cooldownCounter }', { got: state });
    }
    Object.assign(this, { lastStep, best, numBadSteps, cooldownCounter });
  }
}
