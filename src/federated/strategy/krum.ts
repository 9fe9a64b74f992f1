import { ConfigError } from '../../errors/index.js';
import type { ArrayRecord, ClientResult, Rejection } from '../protocol/index.js';
import { flatten, parametersOf, squaredDistance, weightedAverage } from './aggregate.js';
import type { FedAvgOptions, ParameterAggregate } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';

export interface KrumOptions extends FedAvgOptions {
  /** f, the number of Byzantine clients to tolerate. @default 0 */
  readonly numMalicious?: number;
  /** m, how many of the best-scored models Multi-Krum averages; 1 is Krum. @default 1 */
  readonly numToKeep?: number;
}

/** Krum scores: for each client, Σ of squared distances to its n − f − 2 nearest other clients (at least 1). */
export function krumScores(vectors: readonly Float64Array[], numMalicious: number): number[] {
  const n = vectors.length;
  const closest = Math.max(1, n - numMalicious - 2);
  const d = vectors.map((a) => vectors.map((b) => squaredDistance(a, b)));
  return d.map((row, i) =>
    row
      .filter((_, j) => j !== i)
      .sort((a, b) => a - b)
      .slice(0, closest)
      .reduce((s, x) => s + x, 0),
  );
}

/**
 * Krum and Multi-Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine
 * Tolerant Gradient Descent"; Multi-Krum from El Mhamdi et al. 2018). Each client's score is the
 * sum of squared distances from its model to the n − f − 2 closest other models (at least one);
 * Krum keeps the model with the lowest score, Multi-Krum averages (unweighted) the m lowest.
 * The models left out are reported as rejected (code 'strategy') with their scores. Blanchard
 * et al.'s guarantee needs n > 2f + 2. Ties go to the client listed first.
 * @example new Krum({ numMalicious: 1, numToKeep: 3 }) // Multi-Krum
 */
export class Krum extends FedAvg {
  override readonly name: string;
  readonly numMalicious: number;
  readonly numToKeep: number;

  constructor(options: KrumOptions = {}) {
    super(options);
    this.numMalicious = options.numMalicious ?? 0;
    this.numToKeep = options.numToKeep ?? 1;
    if (!Number.isInteger(this.numMalicious) || this.numMalicious < 0) throw new ConfigError(`Krum: numMalicious must be an integer >= 0, got ${this.numMalicious}`);
    if (!Number.isInteger(this.numToKeep) || this.numToKeep < 1) throw new ConfigError(`Krum: numToKeep must be an integer >= 1, got ${this.numToKeep}`);
    this.name = this.numToKeep === 1 ? `Krum(f=${this.numMalicious})` : `MultiKrum(f=${this.numMalicious}, m=${this.numToKeep})`;
  }

  protected override aggregateParameters(_round: number, results: readonly ClientResult[], _current: ArrayRecord): ParameterAggregate {
    const records = parametersOf(this.name, results);
    const scores = krumScores(records.map(flatten), this.numMalicious);
    const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const keep = order.slice(0, Math.min(this.numToKeep, results.length)).map(([, i]) => i);
    const kept = new Set(keep);
    const rejected: Rejection[] = order
      .filter(([, i]) => !kept.has(i))
      .map(([s, i]) => ({
        clientId: results[i]!.clientId,
        reason: { code: 'strategy', message: `${this.name}: not among the ${keep.length} lowest Krum scores (score ${s.toPrecision(6)})` },
      }));
    // In client order, so the average does not depend on how ties were broken.
    keep.sort((a, b) => a - b);
    const parameters = weightedAverage(keep.map((i) => records[i]!), keep.map(() => 1));
    return { parameters, rejected };
  }
}
