import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/index.js';
import type { ArrayRecord, ClientResult, MessageKind, MetricRecord, Rejection } from '../protocol/index.js';
import { createMessage, validateReply } from '../protocol/index.js';
import type { ClientInfo, Failure, Instruction, Strategy } from '../strategy/strategy.js';
import type { Transport } from '../transport/transport.js';
import type { FederatedHistory, PhaseRecord, RoundRecord } from './history.js';

/** A centralized evaluator: metrics of the global model on held-out data. */
export type CentralEvaluator = (round: number, parameters: ArrayRecord) => MetricRecord | Promise<MetricRecord>;

export interface RunFederatedOptions {
  readonly strategy: Strategy;
  readonly transport: Transport;
  /** The global model before round 1. */
  readonly initialParameters: ArrayRecord;
  /** Number of rounds (>= 1). */
  readonly rounds: number;
  /** Centralized evaluation after every round (and of the initial model). @default the strategy's evaluateCentral, if any */
  readonly evaluateCentral?: CentralEvaluator;
  /** Federated evaluation every k rounds (and always after the last); 0 never. @default 1 */
  readonly evaluateEvery?: number;
  /** Per-reply timeout passed to the transport. @default no limit */
  readonly timeoutMs?: number;
  /** Seed of the generator that samples clients: one seed, one run. @default 0 */
  readonly seed?: number;
  /** Called after each round with its record and the new global parameters. */
  readonly onRound?: (record: RoundRecord, parameters: ArrayRecord) => void | Promise<void>;
}

/**
 * The federated round loop, written once (Flower's `Strategy.start`): for each round,
 * configure → send and receive → validate replies (NaN, wrong shapes or dtypes, bad
 * numExamples or metrics are rejected and reported, never averaged) → aggregate → centralized
 * evaluation → federated evaluation. Deterministic given the seed, the strategy and the clients.
 * @example
 * const history = await runFederated({ strategy: new FedAvg(), transport, initialParameters, rounds: 10 });
 */
export async function runFederated(options: RunFederatedOptions): Promise<FederatedHistory> {
  const { strategy, transport } = options;
  const rounds = options.rounds;
  const every = options.evaluateEvery ?? 1;
  if (!Number.isInteger(rounds) || rounds < 1) throw new ConfigError(`runFederated: rounds must be a positive integer, got ${rounds}`);
  if (!Number.isInteger(every) || every < 0) throw new ConfigError(`runFederated: evaluateEvery must be an integer >= 0, got ${every}`);
  const central: CentralEvaluator | undefined =
    options.evaluateCentral ?? (strategy.evaluateCentral === undefined ? undefined : (r, p) => strategy.evaluateCentral!(r, p));
  const rng = new Generator(options.seed ?? 0);
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  let parameters = options.initialParameters;
  const initialCentral = central === undefined ? undefined : await central(0, parameters);
  const records: RoundRecord[] = [];

  for (let round = 1; round <= rounds; round++) {
    const clients = await availableClients(transport);
    const trainInstructions = strategy.configureTrain(round, parameters, clients, rng);
    const trainPhase = await exchange(transport, 'train', round, trainInstructions, parameters, timeout);
    let train: PhaseRecord = trainPhase.record;
    let updated = false;
    if (trainInstructions.length === 0) {
      train = { ...train, skipped: `strategy ${strategy.name} selected no clients (${clients.length} available)` };
    } else {
      const aggregate = strategy.aggregateTrain(round, trainPhase.results, train.failures, parameters);
      const refused = new Set(aggregate.rejected.map((r) => r.clientId));
      train = {
        ...train,
        accepted: train.accepted.filter((id) => !refused.has(id)),
        metrics: aggregate.metrics,
        rejected: [...train.rejected, ...aggregate.rejected],
      };
      if (aggregate.parameters !== null) {
        parameters = aggregate.parameters;
        updated = true;
      }
    }
    const centralMetrics = central === undefined ? undefined : await central(round, parameters);
    let evaluate: PhaseRecord | undefined;
    if (every > 0 && (round % every === 0 || round === rounds)) {
      const instructions = strategy.configureEvaluate(round, parameters, await availableClients(transport), rng);
      const phase = await exchange(transport, 'evaluate', round, instructions, undefined, timeout);
      evaluate =
        instructions.length === 0
          ? { ...phase.record, skipped: `strategy ${strategy.name} selected no clients for evaluation` }
          : { ...phase.record, metrics: strategy.aggregateEvaluate(round, phase.results, phase.record.failures).metrics };
    }
    const record: RoundRecord = {
      round,
      train,
      ...(evaluate === undefined ? {} : { evaluate }),
      ...(centralMetrics === undefined ? {} : { central: centralMetrics }),
      updated,
    };
    records.push(record);
    await options.onRound?.(record, parameters);
  }
  return { strategy: strategy.name, ...(initialCentral === undefined ? {} : { initialCentral }), rounds: records, parameters };
}

async function availableClients(transport: Transport): Promise<ClientInfo[]> {
  return (await transport.clientIds()).map((id) => ({ id }));
}

/** Sends one phase's messages and sorts the replies into validated results, failures and rejections. */
async function exchange(
  transport: Transport,
  kind: MessageKind,
  round: number,
  instructions: readonly Instruction[],
  reference: ArrayRecord | undefined,
  options: { timeoutMs?: number },
): Promise<{ record: PhaseRecord; results: ClientResult[] }> {
  const ids = instructions.map((i) => i.clientId);
  if (new Set(ids).size !== ids.length) throw new ConfigError(`runFederated: the strategy sent two ${kind} messages to one client in round ${round}`);
  const results: ClientResult[] = [];
  const failures: Failure[] = [];
  const rejected: Rejection[] = [];
  if (instructions.length > 0) {
    const messages = instructions.map((i) => createMessage(kind, round, i.clientId, i.parameters, i.config));
    const out = await transport.sendAndReceive(messages, options);
    failures.push(...out.failures);
    const pending = new Set(ids);
    for (const f of out.failures) pending.delete(f.clientId);
    for (const reply of out.replies) {
      const clientId = replyClientId(reply);
      if (clientId === undefined || !pending.has(clientId)) {
        rejected.push({ clientId: clientId ?? '?', reason: { code: 'unexpected-reply', message: 'a reply from a client that was not asked, or a second reply' } });
        continue;
      }
      pending.delete(clientId);
      const checked = validateReply(reply, reference === undefined ? { kind, round, clientId } : { kind, round, clientId, reference });
      if (checked.ok) results.push(checked.result);
      else if (checked.reason.code === 'client-error') failures.push({ clientId, kind: 'error', message: checked.reason.message });
      else rejected.push({ clientId, reason: checked.reason });
    }
    for (const clientId of pending) failures.push({ clientId, kind: 'unavailable', message: 'the transport returned neither a reply nor a failure' });
  }
  // Aggregate in the order the strategy chose, whatever order the transport answered in.
  results.sort((a, b) => ids.indexOf(a.clientId) - ids.indexOf(b.clientId));
  return { record: { clients: ids, accepted: results.map((r) => r.clientId), metrics: {}, failures, rejected }, results };
}

function replyClientId(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const id = (reply as { clientId?: unknown }).clientId;
  return typeof id === 'string' ? id : undefined;
}
