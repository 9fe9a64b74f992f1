import type { Generator } from '../../tensor/index.js';
import type { ArrayRecord, ConfigRecord, MetricRecord } from '../protocol/index.js';
import type { ClientResult, Rejection } from '../protocol/index.js';

/** A client the server can reach. */
export interface ClientInfo {
  readonly id: string;
}

/** What a strategy asks of one client in a round; the server wraps it in a Message. */
export interface Instruction {
  readonly clientId: string;
  readonly parameters: ArrayRecord;
  readonly config: ConfigRecord;
}

/** A client that did not produce a usable reply: timed out, crashed, reported an error. */
export interface Failure {
  readonly clientId: string;
  /** 'timeout' | 'error' (transport or client error) | 'unavailable' (dropped before it answered). */
  readonly kind: 'timeout' | 'error' | 'unavailable';
  readonly message: string;
}

/** What `aggregateTrain` returns: the next global parameters (null = keep the current ones). */
export interface TrainAggregate {
  readonly parameters: ArrayRecord | null;
  readonly metrics: MetricRecord;
  /** Results the strategy refused (in addition to those the server's validation refused). */
  readonly rejected: readonly Rejection[];
}

/** What `aggregateEvaluate` returns. */
export interface EvaluateAggregate {
  readonly metrics: MetricRecord;
}

/**
 * A federated strategy is policy only (Flower's `Strategy`): which clients take part in a round
 * and with what config, and how their replies are combined. It performs no I/O; the round loop
 * (`runFederated`) calls it and talks to the transport.
 */
export interface Strategy {
  /** A short name for logs and history ('FedAvg', 'Krum(f=1)', ...). */
  readonly name: string;
  /** Picks the clients of a training round and what to send them. An empty list skips the round. */
  configureTrain(round: number, parameters: ArrayRecord, clients: readonly ClientInfo[], rng: Generator): Instruction[];
  /**
   * Combines validated train results into the next global parameters. `current` is the global
   * model the clients started from (server-side optimizers need it).
   */
  aggregateTrain(round: number, results: readonly ClientResult[], failures: readonly Failure[], current: ArrayRecord): TrainAggregate;
  /** Picks the clients of a federated evaluation. An empty list skips it. */
  configureEvaluate(round: number, parameters: ArrayRecord, clients: readonly ClientInfo[], rng: Generator): Instruction[];
  /** Combines validated evaluation results (weighted metric means by default). */
  aggregateEvaluate(round: number, results: readonly ClientResult[], failures: readonly Failure[]): EvaluateAggregate;
  /** Centralized evaluation of the global model on held-out data, if the strategy was given one. */
  evaluateCentral?(round: number, parameters: ArrayRecord): MetricRecord | Promise<MetricRecord>;
}
