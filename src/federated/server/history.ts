import type { ArrayRecord, MetricRecord, Rejection } from '../protocol/index.js';
import type { Failure } from '../strategy/strategy.js';

/** What happened in the train or evaluate phase of one round. */
export interface PhaseRecord {
  /** Clients sent a message, in order. */
  readonly clients: readonly string[];
  /** Ids of the clients whose replies were aggregated. */
  readonly accepted: readonly string[];
  /** Aggregated metrics (weighted means by default). */
  readonly metrics: MetricRecord;
  /** Clients that timed out, crashed or reported an error. */
  readonly failures: readonly Failure[];
  /** Replies refused by validation (NaN, wrong shape, ...) or by the strategy. */
  readonly rejected: readonly Rejection[];
  /** Why the phase did not run (not enough clients), when it did not. */
  readonly skipped?: string;
}

/** One round of `runFederated`. */
export interface RoundRecord {
  readonly round: number;
  readonly train: PhaseRecord;
  /** Federated evaluation on clients' own data, on the rounds it ran. */
  readonly evaluate?: PhaseRecord;
  /** Centralized evaluation of the new global model, when an evaluator was given. */
  readonly central?: MetricRecord;
  /** False when no result could be aggregated and the global model was kept. */
  readonly updated: boolean;
}

/** What `runFederated` returns. */
export interface FederatedHistory {
  readonly strategy: string;
  /** Centralized evaluation of the initial parameters (round 0), when an evaluator was given. */
  readonly initialCentral?: MetricRecord;
  readonly rounds: readonly RoundRecord[];
  /** The final global parameters. */
  readonly parameters: ArrayRecord;
}
