import { ConfigError } from '../../errors/index.js';

/** What a schedule needs of an optimizer: groups whose `lr` it can set. */
export interface SchedulableOptimizer {
  readonly paramGroups: readonly { options: { lr: number } }[];
}

/** A schedule's checkpoint: the step count, the base rates and any counters of its own. */
export type SchedulerStateDict = Readonly<Record<string, number | readonly number[]>>;

/**
 * Base class of closed-form schedules (torch.optim.lr_scheduler.LRScheduler): each group's lr
 * is `lrAt(baseLr, stepCount)`, with the base taken from the group when the schedule is made.
 * Construction applies step 0, and each `step()` (call it once per epoch or per batch, after
 * optimizer.step()) advances one.
 */
export abstract class LRScheduler {
  readonly optimizer: SchedulableOptimizer;
  protected baseLrs: number[];
  /** Steps taken so far (0 right after construction). */
  lastStep = 0;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer) {
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((g) => g.options.lr);
    this.lastLr = [...this.baseLrs];
  }

  /** The learning rate of a group whose initial rate is `baseLr`, after `step` steps. */
  protected abstract lrAt(baseLr: number, step: number): number;

  /** Sets every group's lr for the current step. Subclass constructors call it once. */
  protected apply(): void {
    this.lastLr = this.baseLrs.map((base) => this.lrAt(base, this.lastStep));
    this.optimizer.paramGroups.forEach((g, i) => (g.options.lr = this.lastLr[i]!));
  }

  /** Advances one step and sets the groups' learning rates. */
  step(): void {
    this.lastStep += 1;
    this.apply();
  }

  /** The learning rates last set, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerStateDict {
    return { lastStep: this.lastStep, baseLrs: [...this.baseLrs] };
  }

  /** Restores a stateDict() and sets the groups' learning rates to match it. */
  loadStateDict(state: SchedulerStateDict): void {
    const { lastStep, baseLrs } = state;
    if (typeof lastStep !== 'number' || !Array.isArray(baseLrs) || baseLrs.length !== this.baseLrs.length) {
      throw new ConfigError(`${this.constructor.name}.loadStateDict: expected { lastStep, baseLrs } for ${this.baseLrs.length} groups`, { got: state });
    }
    this.lastStep = lastStep;
    this.baseLrs = [...(baseLrs as readonly number[])];
    this.apply();
  }
}

/** Throws ConfigError for a bad schedule setting. */
export function checkSetting(op: string, what: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new ConfigError(`${op}: Invalid ${what}: ${value} (expected ${expected})`, { expected, got: value });
}
