import type { Message } from '../protocol/index.js';
import type { Failure } from '../strategy/strategy.js';

/** Options of one exchange. */
export interface SendOptions {
  /** How long to wait for each reply, in milliseconds; a late client becomes a 'timeout' failure. @default no limit */
  readonly timeoutMs?: number;
}

/**
 * Replies of one exchange. Replies are untrusted (a network client can send anything), so they
 * are `unknown` until the server's `validateReply` has checked them. Every message yields either
 * one reply or one failure.
 */
export interface Exchange {
  readonly replies: readonly unknown[];
  readonly failures: readonly Failure[];
}

/**
 * How the server reaches clients (Flower's Grid). The round loop only uses this interface, so
 * the same strategy and client code run in process (`InMemoryTransport`), on worker threads
 * (the simulator) or over a network.
 */
export interface Transport {
  /** Ids of the clients that can be reached now. */
  clientIds(): readonly string[] | Promise<readonly string[]>;
  /** Delivers each message to its `clientId` and collects replies and failures. */
  sendAndReceive(messages: readonly Message[], options?: SendOptions): Promise<Exchange>;
  /** Releases resources (threads, sockets). @default nothing to release */
  close?(): Promise<void>;
}
