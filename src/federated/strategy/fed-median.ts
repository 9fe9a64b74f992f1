import type { ArrayRecord, ClientResult } from '../protocol/index.js';
import { coordinateWise, median, parametersOf } from './aggregate.js';
import type { ParameterAggregate } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';

/**
 * FedMedian (Yin et al. 2018, "Byzantine-Robust Distributed Learning: Towards Optimal
 * Statistical Rates", coordinate-wise median): each coordinate of the next model is the median
 * of the clients' values (the mean of the two middle ones for an even count). Unweighted, so a
 * client cannot buy influence by claiming many examples; robust to fewer than half outliers.
 * @example new FedMedian({ minTrainClients: 5 })
 */
export class FedMedian extends FedAvg {
  override readonly name: string = 'FedMedian';

  protected override aggregateParameters(_round: number, results: readonly ClientResult[], _current: ArrayRecord): ParameterAggregate {
    return { parameters: coordinateWise(parametersOf(this.name, results), median), rejected: [] };
  }
}
