import { ConfigError } from '../../errors/index.js';
import type { ArrayRecord, ClientResult } from '../protocol/index.js';
import { flatten, parametersOf, weightedAverage } from './aggregate.js';
import { applyServerStep } from './server-step.js';
import type { FedAvgOptions, ParameterAggregate } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';

export interface FedAvgMOptions extends FedAvgOptions {
  /** Server learning rate η. @default 1 */
  readonly serverLearningRate?: number;
  /** Server momentum β; 0 gives FedAvg with a server learning rate. @default 0 */
  readonly serverMomentum?: number;
}

/**
 * FedAvg with server momentum (Hsu et al. 2019, "Measuring the Effects of Non-Identical Data
 * Distribution for Federated Visual Classification", Algorithm "FedAvgM"): with the pseudo-
 * gradient Δ = w − avg_k(w_k) (example-weighted average), the server keeps a velocity
 * v ← β·v + Δ (v = Δ in the first round) and steps w ← w − η·v. The velocity lives in the
 * strategy object: use a new instance for each run.
 * @example new FedAvgM({ serverMomentum: 0.9, serverLearningRate: 1 })
 */
export class FedAvgM extends FedAvg {
  override readonly name: string = 'FedAvgM';
  private readonly lr: number;
  private readonly momentum: number;
  private velocity: Float64Array | null = null;

  constructor(options: FedAvgMOptions = {}) {
    super(options);
    this.lr = options.serverLearningRate ?? 1;
    this.momentum = options.serverMomentum ?? 0;
    if (!(this.lr > 0) || !Number.isFinite(this.lr)) throw new ConfigError(`FedAvgM: serverLearningRate must be a positive number, got ${this.lr}`);
    if (!(this.momentum >= 0 && this.momentum < 1)) throw new ConfigError(`FedAvgM: serverMomentum must be in [0, 1), got ${this.momentum}`);
  }

  protected override aggregateParameters(_round: number, results: readonly ClientResult[], current: ArrayRecord): ParameterAggregate {
    const average = flatten(weightedAverage(parametersOf(this.name, results), results.map((r) => r.numExamples)));
    const w = flatten(current);
    const delta = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) delta[i] = w[i]! - average[i]!;
    if (this.velocity === null || this.momentum === 0) this.velocity = delta;
    else for (let i = 0; i < delta.length; i++) this.velocity[i] = this.momentum * this.velocity[i]! + delta[i]!;
    const v = this.velocity;
    return { parameters: applyServerStep(current, (i, x) => x - this.lr * v[i]!), rejected: [] };
  }
}
