import { ConfigError } from '../../errors/index.js';
import type { ArrayRecord, ClientResult, ConfigRecord } from '../protocol/index.js';
import { flatten, parametersOf, weightedAverage } from './aggregate.js';
import type { FedAvgOptions, ParameterAggregate } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';
import { applyServerStep } from './server-step.js';

export interface FedOptOptions extends FedAvgOptions {
  /** Server learning rate η. */
  readonly eta?: number;
  /** Client learning rate η_l, sent as config.lr unless trainConfig sets lr. */
  readonly etaL?: number;
  /** First-moment decay β1. */
  readonly beta1?: number;
  /** Second-moment decay β2 (FedAdam, FedYogi). */
  readonly beta2?: number;
  /** Adaptivity τ: added to √v, and v starts at τ². */
  readonly tau?: number;
}

/** The defaults each server optimizer fills in. */
export type FedOptDefaults = Required<Pick<FedOptOptions, 'eta' | 'etaL' | 'beta1' | 'beta2' | 'tau'>>;

/**
 * Adaptive federated optimization (Reddi et al. 2021, "Adaptive Federated Optimization",
 * Algorithm 2). The pseudo-gradient of round t is Δ_t = avg_k(x_k) − x_t (the example-weighted
 * average, as Flower; with equal client sizes it is the paper's plain mean). The server keeps
 *
 *     m_t = β1·m_{t−1} + (1 − β1)·Δ_t                (m_{−1} = 0)
 *     v_t = rule(v_{t−1}, Δ_t²)                      (v_{−1} = τ²)
 *     x_{t+1} = x_t + η·m_t / (√v_t + τ)
 *
 * where the rule is FedAdagrad's, FedYogi's or FedAdam's (`secondMoment`). No bias correction,
 * as in the paper. m and v live in the strategy object: use a new instance for each run.
 */
export abstract class FedOpt extends FedAvg {
  readonly eta: number;
  readonly etaL: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly tau: number;
  private m: Float64Array | null = null;
  private v: Float64Array | null = null;

  constructor(options: FedOptOptions, defaults: FedOptDefaults) {
    super(options);
    this.eta = options.eta ?? defaults.eta;
    this.etaL = options.etaL ?? defaults.etaL;
    this.beta1 = options.beta1 ?? defaults.beta1;
    this.beta2 = options.beta2 ?? defaults.beta2;
    this.tau = options.tau ?? defaults.tau;
    const op = this.constructor.name;
    for (const [key, value] of [['eta', this.eta], ['etaL', this.etaL], ['tau', this.tau]] as const) {
      if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(`${op}: ${key} must be a positive number, got ${value}`);
    }
    for (const [key, value] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(value >= 0 && value < 1)) throw new ConfigError(`${op}: ${key} must be in [0, 1), got ${value}`);
    }
  }

  /** v_t from v_{t−1} and Δ_t² for one coordinate. */
  protected abstract secondMoment(previous: number, squared: number): number;

  protected override trainConfig(round: number): ConfigRecord {
    const config = super.trainConfig(round);
    return 'lr' in config ? config : { ...config, lr: this.etaL };
  }

  protected override aggregateParameters(_round: number, results: readonly ClientResult[], current: ArrayRecord): ParameterAggregate {
    const average = flatten(weightedAverage(parametersOf(this.name, results), results.map((r) => r.numExamples)));
    const x = flatten(current);
    const m = (this.m ??= new Float64Array(x.length));
    const v = (this.v ??= new Float64Array(x.length).fill(this.tau * this.tau));
    if (m.length !== x.length) throw new ConfigError(`${this.name}: the model changed size between rounds (${m.length} → ${x.length} values)`);
    for (let i = 0; i < x.length; i++) {
      const delta = average[i]! - x[i]!;
      m[i] = this.beta1 * m[i]! + (1 - this.beta1) * delta;
      v[i] = this.secondMoment(v[i]!, delta * delta);
    }
    return { parameters: applyServerStep(current, (i, xi) => xi + (this.eta * m[i]!) / (Math.sqrt(v[i]!) + this.tau)), rejected: [] };
  }
}
