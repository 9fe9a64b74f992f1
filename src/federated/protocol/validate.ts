import type { MessageKind } from './messages.js';
import { PROTOCOL_VERSION } from './messages.js';
import type { ArrayRecord, ConfigValue, MetricRecord, NamedArray } from './records.js';
import { arrayDTypeOf, shapeSize } from './records.js';

/** Why a reply was refused. `client-error` means the client itself reported a failure. */
export type RejectionCode =
  | 'malformed'
  | 'protocol-version'
  | 'unexpected-reply'
  | 'client-error'
  | 'missing-parameters'
  | 'array-count'
  | 'array-name'
  | 'shape-mismatch'
  | 'dtype-mismatch'
  | 'non-finite-parameter'
  | 'invalid-num-examples'
  | 'invalid-metric'
  | 'strategy';

/** A typed reason plus a sentence for people. */
export interface RejectionReason {
  readonly code: RejectionCode;
  readonly message: string;
}

/** A reply refused by the server or a strategy; it is reported, never aggregated. */
export interface Rejection {
  readonly clientId: string;
  readonly reason: RejectionReason;
}

/** A reply that passed validation: what strategies aggregate. */
export interface ClientResult {
  readonly clientId: string;
  /** Present for train replies (always), absent for evaluate replies unless the client sent some. */
  readonly parameters?: ArrayRecord;
  /** Positive integer: the weight of this client in weighted averages. */
  readonly numExamples: number;
  readonly metrics: MetricRecord;
}

/** What the server expects of the reply to one message. */
export interface ReplyExpectation {
  readonly kind: MessageKind;
  readonly round: number;
  readonly clientId: string;
  /** The global parameters: a train reply must send arrays with the same names, shapes and dtypes. */
  readonly reference?: ArrayRecord;
}

export type ValidationResult = { readonly ok: true; readonly result: ClientResult } | { readonly ok: false; readonly reason: RejectionReason };

const reject = (code: RejectionCode, message: string): ValidationResult => ({ ok: false, reason: { code, message } });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an untrusted reply against what was asked: envelope (version, kind, round, client),
 * status, `numExamples` a positive integer, metrics finite numbers and, for train replies,
 * parameters with the reference's names, shapes and dtypes and no NaN or infinity. Never throws:
 * anything wrong becomes a typed rejection reason.
 */
export function validateReply(reply: unknown, expect: ReplyExpectation): ValidationResult {
  if (!isObject(reply)) return reject('malformed', `reply is ${reply === null ? 'null' : typeof reply}, expected an object`);
  if (reply['protocolVersion'] !== PROTOCOL_VERSION) {
    return reject('protocol-version', `protocol version ${String(reply['protocolVersion'])}, expected ${PROTOCOL_VERSION}`);
  }
  for (const [field, want] of [['kind', expect.kind], ['round', expect.round], ['clientId', expect.clientId]] as const) {
    if (reply[field] !== want) return reject('unexpected-reply', `${field} is ${JSON.stringify(reply[field])}, expected ${JSON.stringify(want)}`);
  }
  if (reply['status'] === 'error') {
    const error = reply['error'];
    return reject('client-error', typeof error === 'string' ? error : 'the client reported an error without a message');
  }
  if (reply['status'] !== 'ok') return reject('malformed', `status is ${JSON.stringify(reply['status'])}, expected 'ok' or 'error'`);
  const numExamples = reply['numExamples'];
  if (typeof numExamples !== 'number' || !Number.isSafeInteger(numExamples) || numExamples <= 0) {
    return reject('invalid-num-examples', `numExamples is ${String(numExamples)}, expected a positive integer`);
  }
  const metrics = checkMetrics(reply['metrics']);
  if (typeof metrics === 'string') return reject('invalid-metric', metrics);
  const parameters = reply['parameters'];
  if (parameters === undefined) {
    if (expect.kind === 'train') return reject('missing-parameters', 'a train reply must carry the updated parameters');
    return { ok: true, result: { clientId: expect.clientId, numExamples, metrics } };
  }
  const checked = checkArrays(parameters, expect.reference);
  if (!checked.ok) return checked;
  return { ok: true, result: { clientId: expect.clientId, parameters: checked.arrays, numExamples, metrics } };
}

function checkMetrics(metrics: unknown): MetricRecord | string {
  if (!isObject(metrics)) return `metrics must be an object of finite numbers, got ${metrics === null ? 'null' : typeof metrics}`;
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `metric '${key}' is ${String(value)}, expected a finite number`;
  }
  return metrics as MetricRecord;
}

type ArraysCheck = { readonly ok: true; readonly arrays: ArrayRecord } | { readonly ok: false; readonly reason: RejectionReason };

function checkArrays(value: unknown, reference: ArrayRecord | undefined): ArraysCheck {
  if (!Array.isArray(value)) return { ok: false, reason: { code: 'malformed', message: 'parameters must be an array of named arrays' } };
  if (reference !== undefined && value.length !== reference.length) {
    return { ok: false, reason: { code: 'array-count', message: `${value.length} parameter arrays, expected ${reference.length}` } };
  }
  for (let i = 0; i < value.length; i++) {
    const reason = checkArray(value[i], reference?.[i], i);
    if (reason !== null) return { ok: false, reason };
  }
  return { ok: true, arrays: value as ArrayRecord };
}

function checkArray(a: unknown, ref: NamedArray | undefined, i: number): RejectionReason | null {
  if (!isObject(a) || typeof a['name'] !== 'string') return { code: 'malformed', message: `parameter array ${i} has no name` };
  const name = a['name'];
  const data = a['data'];
  const shape = a['shape'];
  if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array)) {
    return { code: 'malformed', message: `'${name}': data must be a Float32Array, Float64Array or Int32Array` };
  }
  if (!Array.isArray(shape) || !shape.every((d: unknown) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    return { code: 'malformed', message: `'${name}': shape must be a list of non-negative integers` };
  }
  if (a['dtype'] !== arrayDTypeOf(data)) {
    return { code: 'dtype-mismatch', message: `'${name}': dtype says ${String(a['dtype'])} but data is ${arrayDTypeOf(data)}` };
  }
  if (shapeSize(shape as number[]) !== data.length) {
    return { code: 'shape-mismatch', message: `'${name}': shape [${shape.join(',')}] does not hold ${data.length} values` };
  }
  if (ref !== undefined) {
    if (name !== ref.name) return { code: 'array-name', message: `parameter array ${i} is '${name}', expected '${ref.name}'` };
    if (shape.length !== ref.shape.length || shape.some((d: unknown, k: number) => d !== ref.shape[k])) {
      return { code: 'shape-mismatch', message: `'${name}' has shape [${shape.join(',')}], expected [${ref.shape.join(',')}]` };
    }
    if (a['dtype'] !== ref.dtype) return { code: 'dtype-mismatch', message: `'${name}' is ${String(a['dtype'])}, expected ${ref.dtype}` };
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k]!)) return { code: 'non-finite-parameter', message: `'${name}'[${k}] is ${data[k]!}: NaN and infinity are not accepted` };
  }
  return null;
}

/** True when `value` can be sent in a ConfigRecord. */
export function isConfigValue(value: unknown): value is ConfigValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
