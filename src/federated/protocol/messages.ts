import type { ArrayRecord, ConfigRecord, MetricRecord } from './records.js';

/** Version of the message format; a reply with another version is rejected. */
export const PROTOCOL_VERSION = 1;

/** What a client is asked to do. */
export type MessageKind = 'train' | 'evaluate';

/** A server→client instruction: the global parameters and this round's config. */
export interface Message {
  readonly protocolVersion: number;
  readonly kind: MessageKind;
  /** Round number, from 1. */
  readonly round: number;
  readonly clientId: string;
  readonly parameters: ArrayRecord;
  readonly config: ConfigRecord;
}

/**
 * A client→server reply. `status: 'ok'` carries `numExamples` (> 0) and `metrics`, and, for
 * 'train', the updated `parameters`; `status: 'error'` carries the client's `error` text.
 * Replies come from untrusted clients: the server checks them with `validateReply`.
 */
export interface Reply {
  readonly protocolVersion: number;
  readonly kind: MessageKind;
  readonly round: number;
  readonly clientId: string;
  readonly parameters?: ArrayRecord;
  readonly numExamples: number;
  readonly metrics: MetricRecord;
  readonly status: 'ok' | 'error';
  readonly error?: string;
}

/** The content a client handler returns; the ClientApp adds the envelope (version, kind, round, id). */
export interface ReplyContent {
  readonly parameters?: ArrayRecord;
  readonly numExamples: number;
  readonly metrics?: MetricRecord;
}

/** Builds a message with the current protocol version. */
export function createMessage(kind: MessageKind, round: number, clientId: string, parameters: ArrayRecord, config: ConfigRecord): Message {
  return { protocolVersion: PROTOCOL_VERSION, kind, round, clientId, parameters, config };
}

/** The ok reply to `message` with `content`. */
export function okReply(message: Message, content: ReplyContent): Reply {
  const base = { protocolVersion: PROTOCOL_VERSION, kind: message.kind, round: message.round, clientId: message.clientId };
  const metrics = content.metrics ?? {};
  return content.parameters === undefined
    ? { ...base, numExamples: content.numExamples, metrics, status: 'ok' }
    : { ...base, parameters: content.parameters, numExamples: content.numExamples, metrics, status: 'ok' };
}

/** The error reply to `message`: the client could not do what was asked. */
export function errorReply(message: Message, error: string): Reply {
  return {
    protocolVersion: PROTOCOL_VERSION,
    kind: message.kind,
    round: message.round,
    clientId: message.clientId,
    numExamples: 0,
    metrics: {},
    status: 'error',
    error,
  };
}
