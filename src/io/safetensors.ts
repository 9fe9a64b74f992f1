/**
 * The safetensors format (https://github.com/huggingface/safetensors#format), browser-safe:
 *
 *   [8 bytes: N, u64 little-endian] [N bytes: UTF-8 JSON header, padded with spaces] [data buffer]
 *
 * The header maps each tensor name to `{ "dtype", "shape", "data_offsets": [begin, end] }`, offsets
 * relative to the data buffer, plus an optional `"__metadata__"` map of strings. Decoding checks
 * every length, offset, dtype and shape before reading a byte of data (see safetensors-header.ts).
 */
import { ConfigError, FormatError } from '../errors/index.js';
import { Tensor } from '../tensor/index.js';
import type { DType } from '../tensor/index.js';
import { dtypeToSafetensors, parseHeader, quoteName } from './safetensors-header.js';
import { elementBytes, readLittleEndian, writeLittleEndian } from './little-endian.js';

export interface DecodeOptions {
  /**
   * Largest JSON header accepted, in bytes. The reference implementation uses the same limit.
   * @default 100_000_000
   */
  readonly maxHeaderBytes?: number;
  /**
   * Largest total size of the tensors' data, in bytes; larger files are refused before any copy.
   * @default 2 ** 31 (2 GiB)
   */
  readonly maxTotalBytes?: number;
  /**
   * What error messages call the input, for example the file's path.
   * @default 'safetensors'
   */
  readonly source?: string;
}

export interface DecodedSafetensors {
  /** The tensors, in the order of the header. */
  readonly tensors: Record<string, Tensor>;
  /** The `__metadata__` strings, or an empty object when the file has none. */
  readonly metadata: Record<string, string>;
}

export const defaultMaxHeaderBytes = 100_000_000;
export const defaultMaxTotalBytes = 2 ** 31;

const utf8Encoder = new TextEncoder();

/** Orders tensors as the reference writer does: larger dtype first (keeps F64 8-byte aligned), then by name. */
function writeOrder(a: [string, Tensor], b: [string, Tensor]): number {
  const rank = (d: DType): number => (d === 'float64' ? 0 : d === 'float32' ? 1 : 2);
  const byDType = rank(a[1].dtype) - rank(b[1].dtype);
  if (byDType !== 0) return byDType;
  // Rust compares names as UTF-8 bytes, which is code point order.
  const ca = [...a[0]].map((ch) => ch.codePointAt(0)!);
  const cb = [...b[0]].map((ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}

/**
 * Encodes named tensors as a safetensors file, byte for byte as the reference writer lays it out:
 * compact JSON header (`__metadata__` first), padded with spaces to a multiple of 8 bytes, then the
 * tensors packed in order of dtype size and name. Views are written in row-major order.
 *
 * @param tensors name → tensor (float32, float64 or int32).
 * @param metadata optional string → string map stored as `__metadata__`.
 * @example
 * const bytes = encodeSafetensors({ w: tensor([1, 2]) }, { format: 'pt' });
 */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const items = Object.entries(tensors);
  for (const [name, t] of items) {
    if (name === '__metadata__') {
      throw new ConfigError('encodeSafetensors: a tensor cannot be named "__metadata__"', {
        hint: 'that key holds the metadata in the safetensors header; rename the tensor',
      });
    }
    if (!(t instanceof Tensor)) {
      throw new ConfigError(`encodeSafetensors: ${quoteName(name)} is not a Tensor`, { expected: 'Tensor', got: typeof t });
    }
  }
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new ConfigError(`encodeSafetensors: metadata ${quoteName(key)} must be a string, got ${typeof value}`, {
          hint: 'safetensors metadata maps strings to strings; store other values with JSON.stringify',
        });
      }
    }
    header['__metadata__'] = Object.fromEntries(Object.entries(metadata));
  }
  items.sort(writeOrder);
  let offset = 0;
  for (const [name, t] of items) {
    const bytes = t.size * elementBytes(t.dtype);
    Object.defineProperty(header, name, {
      value: { dtype: dtypeToSafetensors[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + bytes] },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    offset += bytes;
  }
  const json = utf8Encoder.encode(JSON.stringify(header));
  const headerBytes = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerBytes + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes);
  let at = 8 + headerBytes;
  for (const [, t] of items) {
    const values = t.values();
    writeLittleEndian(out, at, values);
    at += values.byteLength;
  }
  return out;
}

/**
 * Decodes a safetensors file. Every length, offset, dtype and shape is checked before data is
 * read; a truncated or hostile file throws a FormatError that names the problem, and a huge
 * header-length claim is refused before anything is allocated. Tensor data is copied into new,
 * aligned typed arrays; the result shares no memory with `bytes`.
 *
 * Supported dtypes: F32, F64, I32 (others are refused by name).
 * @example
 * const { tensors, metadata } = decodeSafetensors(bytes);
 */
export function decodeSafetensors(bytes: Uint8Array, options: DecodeOptions = {}): DecodedSafetensors {
  const source = options.source ?? 'safetensors';
  const maxHeaderBytes = options.maxHeaderBytes ?? defaultMaxHeaderBytes;
  const maxTotalBytes = options.maxTotalBytes ?? defaultMaxTotalBytes;
  if (!(bytes instanceof Uint8Array)) {
    throw new ConfigError(`decodeSafetensors: expected a Uint8Array, got ${typeof bytes}`);
  }
  if (bytes.length < 8) {
    throw new FormatError(`${source}: the file is ${bytes.length} bytes, too short for the 8-byte header length`, {
      expected: 'at least 8 bytes',
      got: bytes.length,
      hint: 'the file is truncated or empty',
    });
  }
  const claimed = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (claimed > BigInt(bytes.length - 8)) {
    throw new FormatError(`${source}: the header length ${claimed} is larger than the ${bytes.length - 8} bytes that follow it`, {
      expected: `at most ${bytes.length - 8}`,
      got: claimed,
      hint: 'the file is truncated, or it is not a safetensors file',
    });
  }
  const headerBytes = Number(claimed);
  if (headerBytes > maxHeaderBytes) {
    throw new FormatError(`${source}: the header length ${headerBytes} exceeds the limit of ${maxHeaderBytes} bytes`, {
      hint: 'raise options.maxHeaderBytes if you trust this file',
    });
  }
  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.length - dataStart;
  if (dataBytes > maxTotalBytes) {
    throw new FormatError(`${source}: the tensor data is ${dataBytes} bytes, more than the limit of ${maxTotalBytes}`, {
      hint: 'raise options.maxTotalBytes if you trust this file',
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart));
  } catch {
    throw new FormatError(`${source}: the header is not valid UTF-8`, { hint: 'the file is corrupt' });
  }
  const { entries, metadata } = parseHeader(text, dataBytes, source);
  const data = bytes.subarray(dataStart);
  const tensors = Object.fromEntries(
    entries.map((e) => {
      const count = (e.end - e.begin) / elementBytes(e.dtype);
      return [e.name, new Tensor(readLittleEndian(data, e.begin, count, e.dtype), e.shape)];
    }),
  );
  return { tensors, metadata };
}
