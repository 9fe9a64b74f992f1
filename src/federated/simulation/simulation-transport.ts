import type { Message } from '../protocol/index.js';
import type { Failure } from '../strategy/strategy.js';
import type { Exchange, SendOptions, Transport } from '../transport/transport.js';
import type { ClientContext } from './client-task.js';
import { simulatedClientApp } from './client-task.js';
import type { AttackKind, ClientFault, FaultOptions } from './faults.js';
import { FaultPlan } from './faults.js';
import { TaskFailure, WorkerPool } from './worker-pool.js';

/** Options of SimulationTransport. */
export interface SimulationTransportOptions {
  /** Worker threads; 0 runs every client on the calling thread (no threads). @default the available cores */
  readonly workers?: number;
  /** Backend the workers compute on. @default 'wasm' */
  readonly backend?: 'wasm' | 'js';
  /** Injected faults. @default none */
  readonly faults?: FaultOptions;
}

/** What happened to one message of an exchange (fault, attack, the client’s own metrics), for the history. */
export interface ClientEvent {
  readonly round: number;
  readonly kind: Message['kind'];
  readonly clientId: string;
  readonly delivery: ClientFault['delivery'];
  /** The attack applied to a train reply, if any. */
  readonly attack: AttackKind | null;
  /** The client's own report (before validation), when it replied. */
  readonly numExamples?: number;
  readonly metrics?: Readonly<Record<string, number>>;
}

/**
 * The simulator's transport: delivers messages to N virtual clients running on worker threads
 * (or on this thread), injecting the faults of a seeded `FaultPlan`. A dropped client yields an
 * 'unavailable' failure, a straggler a 'timeout' failure (its reply would come after the round
 * timeout, so it is not computed), and an attacker's train reply has its parameters replaced by
 * the attack. Replies come back in message order whatever the threads' timing.
 * @example
 * const transport = new SimulationTransport(context, { workers: 2, faults: { dropoutRate: 0.3 } });
 */
export class SimulationTransport implements Transport {
  readonly plan: FaultPlan;
  private readonly pool: WorkerPool | null;
  private readonly local: ReturnType<typeof simulatedClientApp> | null;
  private readonly indexOf: Map<string, number>;
  private events: ClientEvent[] = [];

  constructor(private readonly context: ClientContext, options: SimulationTransportOptions = {}) {
    this.plan = new FaultPlan(context.clientIds.length, options.faults ?? {}, context.seed);
    this.indexOf = new Map(context.clientIds.map((id, i) => [id, i]));
    const workers = options.workers;
    this.pool = workers === 0 ? null : new WorkerPool(context, { ...(workers === undefined ? {} : { workers }), backend: options.backend ?? 'wasm' });
    this.local = workers === 0 ? simulatedClientApp(context) : null;
  }

  clientIds(): readonly string[] {
    return this.context.clientIds;
  }

  /** Worker threads in use (0 when clients run on the calling thread). */
  get workers(): number {
    return this.pool?.size ?? 0;
  }

  /** The fault events since the last call, and forgets them. */
  takeEvents(): ClientEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  async sendAndReceive(messages: readonly Message[], options: SendOptions = {}): Promise<Exchange> {
    const outcomes = await Promise.all(messages.map((m) => this.deliver(m, options.timeoutMs)));
    const replies: unknown[] = [];
    const failures: Failure[] = [];
    for (const o of outcomes) {
      if ('failure' in o) failures.push(o.failure);
      else replies.push(o.reply);
    }
    return { replies, failures };
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private async deliver(message: Message, timeoutMs: number | undefined): Promise<{ reply: unknown } | { failure: Failure }> {
    const index = this.indexOf.get(message.clientId);
    if (index === undefined) return { failure: { clientId: message.clientId, kind: 'unavailable', message: `no simulated client '${message.clientId}'` } };
    const fault = this.plan.faultOf(message.round, index);
    const attack = message.kind === 'train' ? fault.attack : null;
    const event: ClientEvent = { round: message.round, kind: message.kind, clientId: message.clientId, delivery: fault.delivery, attack };
    const slot = this.events.push(event) - 1;
    if (fault.delivery === 'dropout') return { failure: { clientId: message.clientId, kind: 'unavailable', message: 'dropped out mid-round (injected fault)' } };
    if (fault.delivery === 'straggler') return { failure: { clientId: message.clientId, kind: 'timeout', message: 'replied after the round timeout (injected straggler)' } };
    let reply: unknown;
    try {
      reply = this.pool === null ? await this.local!.handle(message) : await this.pool.run(message, timeoutMs);
    } catch (error) {
      const kind = error instanceof TaskFailure ? error.kind : 'error';
      return { failure: { clientId: message.clientId, kind, message: error instanceof Error ? error.message : String(error) } };
    }
    this.events[slot] = { ...event, ...clientReport(reply) };
    if (attack === null || !isOkTrainReply(reply)) return { reply };
    return { reply: { ...reply, parameters: this.plan.attack(attack, reply.parameters, message.parameters, message.round, index) } };
  }
}

/** numExamples and metrics of a reply, where they have the expected types. */
function clientReport(reply: unknown): { numExamples?: number; metrics?: Readonly<Record<string, number>> } {
  if (typeof reply !== 'object' || reply === null) return {};
  const { numExamples, metrics } = reply as { numExamples?: unknown; metrics?: unknown };
  const out: { numExamples?: number; metrics?: Readonly<Record<string, number>> } = {};
  if (typeof numExamples === 'number') out.numExamples = numExamples;
  if (typeof metrics === 'object' && metrics !== null) {
    out.metrics = Object.fromEntries(Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number'));
  }
  return out;
}

function isOkTrainReply(reply: unknown): reply is { status: 'ok'; parameters: Message['parameters'] } {
  return typeof reply === 'object' && reply !== null && (reply as { status?: unknown }).status === 'ok' && Array.isArray((reply as { parameters?: unknown }).parameters);
}
