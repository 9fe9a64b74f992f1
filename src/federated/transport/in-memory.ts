import { ConfigError } from '../../errors/index.js';
import type { ClientApp } from '../client/client-app.js';
import type { Message } from '../protocol/index.js';
import { cloneArrayRecord } from '../protocol/index.js';
import type { Failure } from '../strategy/strategy.js';
import type { Exchange, SendOptions, Transport } from './transport.js';

/** Options of InMemoryTransport. */
export interface InMemoryTransportOptions {
  /**
   * Give each client its own copy of the parameters, as a network would, so a client that writes
   * into the arrays it received cannot change the server's global model. @default true
   */
  readonly copyParameters?: boolean;
}

/**
 * A transport that calls ClientApps in this process, one message after the other (Flower's
 * InMemoryGrid). Deterministic: replies come back in message order.
 * @example
 * const transport = new InMemoryTransport({ a: appA, b: appB });
 */
export class InMemoryTransport implements Transport {
  private readonly apps: ReadonlyMap<string, ClientApp>;
  private readonly copy: boolean;

  constructor(apps: Readonly<Record<string, ClientApp>> | ReadonlyMap<string, ClientApp>, options: InMemoryTransportOptions = {}) {
    this.apps = apps instanceof Map ? new Map(apps) : new Map(Object.entries(apps as Readonly<Record<string, ClientApp>>));
    if (this.apps.size === 0) throw new ConfigError('InMemoryTransport: no clients given', { hint: 'pass { clientId: ClientApp, ... }' });
    this.copy = options.copyParameters ?? true;
  }

  clientIds(): readonly string[] {
    return [...this.apps.keys()];
  }

  async sendAndReceive(messages: readonly Message[], options: SendOptions = {}): Promise<Exchange> {
    const replies: unknown[] = [];
    const failures: Failure[] = [];
    for (const message of messages) {
      const app = this.apps.get(message.clientId);
      if (app === undefined) {
        failures.push({ clientId: message.clientId, kind: 'unavailable', message: `no client '${message.clientId}' in this transport` });
        continue;
      }
      const delivered = this.copy ? { ...message, parameters: cloneArrayRecord(message.parameters) } : message;
      try {
        replies.push(await withTimeout(app.handle(delivered), options.timeoutMs));
      } catch (error) {
        const timedOut = error instanceof TimeoutSignal;
        failures.push({
          clientId: message.clientId,
          kind: timedOut ? 'timeout' : 'error',
          message: timedOut ? `no reply within ${options.timeoutMs} ms` : error instanceof Error ? error.message : String(error),
        });
      }
    }
    return { replies, failures };
  }
}

class TimeoutSignal extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, rejectWith) => {
    timer = setTimeout(() => rejectWith(new TimeoutSignal()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
