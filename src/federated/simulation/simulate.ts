import { ConfigError } from '../../errors/index.js';
import { layerFromConfig } from '../../nn/from-config.js';
import type { Module } from '../../nn/module.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ArrayRecord, MetricRecord } from '../protocol/index.js';
import { arraysFromModule, loadArraysIntoModule } from '../protocol/index.js';
import type { Partition, PartitionSpec } from '../partition/index.js';
import { formatPartitionSpec, labelHistograms, partitionData, partitionStats } from '../partition/index.js';
import { runFederated } from '../server/run-federated.js';
import type { FederatedHistory, RoundRecord } from '../server/history.js';
import type { Strategy } from '../strategy/strategy.js';
import type { SimulationData } from './client-data.js';
import { shareData, splitClients } from './client-data.js';
import { evaluateRows } from './client-task.js';
import type { AttackKind, FaultOptions } from './faults.js';
import { deriveSeed, SeedPurpose } from './seeds.js';
import type { ClientEvent } from './simulation-transport.js';
import { SimulationTransport } from './simulation-transport.js';

export interface SimulateOptions {
  /** Training data, partitioned over the clients. */
  readonly train: SimulationData;
  /** Held-out test data for the centralized evaluation after every round. */
  readonly test: SimulationData;
  /** The global model before round 1; its `toConfig()` is rebuilt on the workers. */
  readonly model: Module<[Tensor], Tensor>;
  readonly strategy: Strategy;
  /** Virtual clients (1 to 10,000). */
  readonly clients: number;
  readonly rounds: number;
  /** @default { kind: 'iid' } */
  readonly partition?: PartitionSpec;
  /** Fraction of each client's rows kept for federated evaluation. @default 0.1 */
  readonly localTestFraction?: number;
  /** Seeds the partition, client sampling, local training and faults. @default 0 */
  readonly seed?: number;
  /** Worker threads (0: on this thread). @default the available cores */
  readonly workers?: number;
  /** @default 'wasm' */
  readonly backend?: 'wasm' | 'js';
  /** @default none */
  readonly faults?: FaultOptions;
  /** Per-reply timeout in ms; a real client slower than this counts as a straggler. @default none */
  readonly timeoutMs?: number;
  /** Called after every round (progress lines, the history file). */
  readonly onRound?: (summary: RoundSummary) => void | Promise<void>;
}

/** One client's part in one phase of a round. */
export interface ClientRoundEntry {
  readonly clientId: string;
  readonly phase: 'train' | 'evaluate';
  /** 'ok': aggregated; 'failed': no usable reply; 'rejected': refused by validation or the strategy. */
  readonly status: 'ok' | 'failed' | 'rejected';
  readonly fault: 'dropout' | 'straggler' | null;
  readonly attack: AttackKind | null;
  readonly numExamples?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  /** Why it failed or was rejected. */
  readonly reason?: string;
}

/** One line of the history file: global metrics, counts, and every client's entry. */
export interface RoundSummary {
  readonly round: number;
  readonly central: MetricRecord;
  /** Weighted metrics of federated evaluation on the clients' held-out rows. */
  readonly federated: MetricRecord;
  /** Weighted training metrics the clients reported. */
  readonly train: MetricRecord;
  readonly sampled: number;
  readonly ok: number;
  readonly failed: number;
  readonly rejected: number;
  readonly updated: boolean;
  readonly seconds: number;
  readonly clients: readonly ClientRoundEntry[];
}

export interface SimulationResult {
  readonly strategy: string;
  readonly partition: string;
  readonly initialCentral: MetricRecord;
  readonly rounds: readonly RoundSummary[];
  readonly history: FederatedHistory;
  /** Per-client label counts of the partition (before the local test split). */
  readonly labelHistograms: number[][];
  readonly meanMaxClassFraction: number;
  /** Attacking clients by kind. */
  readonly attackers: Record<AttackKind, string[]>;
  readonly workers: number;
  readonly seconds: number;
}

/** Zero-padded client ids: client-000 … client-999. */
export function clientIdsFor(clients: number): string[] {
  const width = Math.max(3, String(clients - 1).length);
  return Array.from({ length: clients }, (_, i) => `client-${String(i).padStart(width, '0')}`);
}

/**
 * Simulates federated learning with `clients` virtual clients on worker threads: partitions
 * `train`, keeps `localTestFraction` of each client's rows for federated evaluation, runs
 * `runFederated` over a `SimulationTransport` (with the injected faults), and evaluates the
 * global model on `test` after every round. Deterministic from `seed` whatever the number of
 * workers.
 * @example
 * const result = await simulate({ train, test, model: mlp(784, [200, 200], 10), strategy: new FedAvg(),
 *   clients: 10, rounds: 30, partition: { kind: 'dirichlet', alpha: 0.1 }, seed: 1 });
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const { clients, rounds } = options;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(clients) || clients < 1 || clients > 10000) throw new ConfigError(`simulate: clients must be an integer from 1 to 10000, got ${clients}`);
  const spec = options.partition ?? { kind: 'iid' };
  const partition: Partition = partitionData(spec, options.train.labels, clients, deriveSeed(seed, SeedPurpose.sampling));
  const histograms = labelHistograms(partition, options.train.labels, options.train.numClasses);
  const clientIds = clientIdsFor(clients);
  const context = {
    data: shareData(options.train),
    shards: splitClients(partition, options.localTestFraction ?? 0.1, seed),
    clientIds,
    modelConfig: options.model.toConfig(),
    seed,
  };
  const transport = new SimulationTransport(context, {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    backend: options.backend ?? 'wasm',
    faults: options.faults ?? {},
  });
  const evaluator = layerFromConfig(context.modelConfig) as unknown as Module<[Tensor], Tensor>;
  const evaluateCentral = (_round: number, parameters: ArrayRecord): MetricRecord => {
    loadArraysIntoModule(evaluator, parameters);
    const rows = Int32Array.from({ length: options.test.labels.length }, (_, i) => i);
    return evaluateRows(evaluator, options.test, rows).metrics ?? {};
  };
  const summaries: RoundSummary[] = [];
  let roundStart = performance.now();
  let history: FederatedHistory;
  try {
    history = await runFederated({
      strategy: options.strategy,
      transport,
      initialParameters: arraysFromModule(options.model),
      rounds,
      evaluateCentral,
      seed: deriveSeed(seed, SeedPurpose.sampling, 1),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      onRound: async (record) => {
        const summary = summarize(record, transport.takeEvents(), (performance.now() - roundStart) / 1000);
        summaries.push(summary);
        await options.onRound?.(summary);
        roundStart = performance.now();
      },
    });
  } finally {
    await transport.close();
  }
  const attackerIndices = transport.plan.attackerList();
  const attackers = Object.fromEntries(Object.entries(attackerIndices).map(([k, v]) => [k, v.map((i) => clientIds[i]!)])) as Record<AttackKind, string[]>;
  return {
    strategy: history.strategy,
    partition: formatPartitionSpec(spec),
    initialCentral: history.initialCentral ?? {},
    rounds: summaries,
    history,
    labelHistograms: histograms,
    meanMaxClassFraction: partitionStats(histograms).meanMaxClassFraction,
    attackers,
    workers: transport.workers,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Joins runFederated's record with the transport's per-client events. */
function summarize(record: RoundRecord, events: readonly ClientEvent[], seconds: number): RoundSummary {
  const entries: ClientRoundEntry[] = [];
  for (const phase of ['train', 'evaluate'] as const) {
    const p = phase === 'train' ? record.train : record.evaluate;
    if (p === undefined) continue;
    const accepted = new Set(p.accepted);
    const failed = new Map(p.failures.map((f) => [f.clientId, `${f.kind}: ${f.message}`]));
    const rejected = new Map(p.rejected.map((r) => [r.clientId, `${r.reason.code}: ${r.reason.message}`]));
    for (const clientId of p.clients) {
      const event = events.find((e) => e.clientId === clientId && e.kind === phase);
      const status = accepted.has(clientId) ? 'ok' : rejected.has(clientId) ? 'rejected' : 'failed';
      const reason = rejected.get(clientId) ?? failed.get(clientId);
      entries.push({
        clientId,
        phase,
        status,
        fault: event === undefined || event.delivery === 'ok' ? null : event.delivery,
        attack: event?.attack ?? null,
        ...(event?.numExamples === undefined ? {} : { numExamples: event.numExamples }),
        ...(event?.metrics === undefined ? {} : { metrics: event.metrics }),
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }
  const train = entries.filter((e) => e.phase === 'train');
  return {
    round: record.round,
    central: record.central ?? {},
    federated: record.evaluate?.metrics ?? {},
    train: record.train.metrics,
    sampled: train.length,
    ok: train.filter((e) => e.status === 'ok').length,
    failed: train.filter((e) => e.status === 'failed').length,
    rejected: train.filter((e) => e.status === 'rejected').length,
    updated: record.updated,
    seconds,
    clients: entries,
  };
}
