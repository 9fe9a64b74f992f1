import { ConfigError } from '../../errors/index.js';
import type { ArrayRecord, ClientResult } from '../protocol/index.js';
import { coordinateWise, parametersOf, trimmedMean } from './aggregate.js';
import type { FedAvgOptions, ParameterAggregate } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';

export interface TrimmedMeanOptions extends FedAvgOptions {
  /** Fraction β of the clients cut from each end of every coordinate, in [0, 0.5). @default 0.2 */
  readonly beta?: number;
}

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018; Flower's FedTrimmedAvg): for each coordinate,
 * sort the n client values, drop the k = ⌊β·n⌋ smallest and k largest, and average the rest
 * (unweighted). With β = 0 it is the plain mean.
 * @example new TrimmedMean({ beta: 0.1 })
 */
export class TrimmedMean extends FedAvg {
  override readonly name: string = 'TrimmedMean';
  readonly beta: number;

  constructor(options: TrimmedMeanOptions = {}) {
    super(options);
    this.beta = options.beta ?? 0.2;
    if (!(this.beta >= 0 && this.beta < 0.5)) throw new ConfigError(`TrimmedMean: beta must be in [0, 0.5), got ${this.beta}`);
  }

  protected override aggregateParameters(_round: number, results: readonly ClientResult[], _current: ArrayRecord): ParameterAggregate {
    const k = Math.floor(this.beta * results.length);
    return { parameters: coordinateWise(parametersOf(this.name, results), (column) => trimmedMean(column, k)), rejected: [] };
  }
}
