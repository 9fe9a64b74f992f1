/**
 * Validation of a safetensors header (https://github.com/huggingface/safetensors#format).
 * Nothing in the header is trusted until checked here: dtypes, shapes, offsets, coverage of the
 * data buffer, and unique names. Every failure is a FormatError that names the tensor.
 */
import { FormatError, formatShape } from '../errors/index.js';
import type { DType } from '../tensor/index.js';
import { elementBytes } from './little-endian.js';

/** The safetensors dtype names deeptrace reads and writes. */
export const safetensorsDTypes: Readonly<Record<string, DType>> = { F32: 'float32', F64: 'float64', I32: 'int32' };

/** The safetensors name of each deeptrace dtype. */
export const dtypeToSafetensors: Readonly<Record<DType, string>> = { float32: 'F32', float64: 'F64', int32: 'I32' };

/** dtypes of the format that deeptrace does not hold (so the message can say "unsupported", not "unknown"). */
const knownUnsupported = new Set([
  'BOOL', 'U8', 'I8', 'U16', 'I16', 'U32', 'U64', 'I64', 'F16', 'BF16', 'C64',
  'F8_E4M3', 'F8_E5M2', 'F8_E8M0', 'F4', 'F6_E2M3', 'F6_E3M2',
]);

/** One tensor described by the header, checked. Offsets are relative to the data buffer. */
export interface HeaderEntry {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

export interface ParsedHeader {
  readonly entries: readonly HeaderEntry[];
  readonly metadata: Record<string, string>;
}

/** A name as error messages show it: quoted, and cut short if a hostile file made it huge. */
export function quoteName(name: string): string {
  const q = JSON.stringify(name);
  return q.length <= 82 ? q : `${q.slice(0, 80)}..."`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quoteName(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

/**
 * Refuses repeated keys in any object of the (already syntactically valid) JSON text.
 * JSON.parse keeps the last of two equal keys silently; a header whose tensor name appears twice
 * is ambiguous, so it is refused. One linear pass, no recursion.
 */
export function checkUniqueKeys(text: string, source: string): void {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) {
          throw new FormatError(`${source}: the header names ${quoteName(key)} twice`, {
            expected: 'unique keys in every JSON object of the header',
            got: key,
            hint: 'the file is corrupt or was not written by a safetensors writer',
          });
        }
        keys.add(key);
      }
      expectKey = false;
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] !== null;
    }
  }
}

function parseMetadata(value: unknown, source: string): Record<string, string> {
  if (!isPlainObject(value)) {
    throw new FormatError(`${source}: "__metadata__" must be an object of strings, got ${describe(value)}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new FormatError(`${source}: "__metadata__" value ${quoteName(key)} must be a string, got ${describe(v)}`, {
        hint: 'safetensors metadata maps strings to strings; encode other values as JSON text',
      });
    }
  }
  return Object.fromEntries(Object.entries(value as Record<string, string>));
}

function parseDType(value: unknown, where: string): DType {
  if (typeof value !== 'string') throw new FormatError(`${where}: "dtype" must be a string, got ${describe(value)}`);
  const dtype = Object.hasOwn(safetensorsDTypes, value) ? safetensorsDTypes[value] : undefined;
  if (dtype !== undefined) return dtype;
  if (knownUnsupported.has(value)) {
    throw new FormatError(`${where}: dtype ${value} is not supported by deeptrace`, {
      expected: 'F32, F64 or I32',
      got: value,
      hint: 'convert the tensor before saving, e.g. in PyTorch: t.float() (F32) or t.int() (I32)',
    });
  }
  throw new FormatError(`${where}: unknown dtype ${quoteName(value)}`, { expected: 'F32, F64 or I32', got: value });
}

function parseShape(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) throw new FormatError(`${where}: "shape" must be an array, got ${describe(value)}`);
  for (const d of value as unknown[]) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new FormatError(`${where}: shape dimension ${describe(d)} is not a non-negative integer`, {
        expected: 'dimensions that are integers >= 0',
        got: d,
      });
    }
  }
  return value as number[];
}

/** Bytes the shape needs, or throws when that exceeds `available` (so the product never overflows). */
function byteSize(shape: readonly number[], dtype: DType, available: number, where: string): number {
  if (shape.includes(0)) return 0;
  let bytes = elementBytes(dtype);
  for (const d of shape) {
    bytes *= d;
    if (bytes > available) {
      throw new FormatError(`${where}: ${dtypeToSafetensors[dtype]} shape ${formatShape(shape)} needs more bytes than the data buffer holds (${available})`, {
        expected: `at most ${available} bytes`,
        hint: 'the file is truncated or its header is corrupt',
      });
    }
  }
  return bytes;
}

function parseOffsets(value: unknown, where: string, dataBytes: number): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new FormatError(`${where}: "data_offsets" must be [begin, end], got ${describe(value)}`);
  }
  const [begin, end] = value as unknown[];
  for (const v of [begin, end]) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new FormatError(`${where}: data offset ${describe(v)} is not a non-negative integer`);
    }
  }
  const b = begin as number;
  const e = end as number;
  if (b > e) throw new FormatError(`${where}: data_offsets [${b},${e}] end before they begin`);
  if (e > dataBytes) {
    throw new FormatError(`${where}: data_offsets [${b},${e}] lie outside the data buffer of ${dataBytes} bytes`, {
      expected: `end <= ${dataBytes}`,
      got: e,
      hint: 'the file is truncated or its header is corrupt',
    });
  }
  return [b, e];
}

function parseEntry(name: string, value: unknown, source: string, dataBytes: number): HeaderEntry {
  const where = `${source}: tensor ${quoteName(name)}`;
  if (!isPlainObject(value)) throw new FormatError(`${where}: expected an object with dtype, shape and data_offsets, got ${describe(value)}`);
  const dtype = parseDType(value['dtype'], where);
  const shape = parseShape(value['shape'], where);
  const [begin, end] = parseOffsets(value['data_offsets'], where, dataBytes);
  const needed = byteSize(shape, dtype, dataBytes, where);
  if (end - begin !== needed) {
    throw new FormatError(
      `${where}: data_offsets [${begin},${end}] hold ${end - begin} bytes, but ${dtypeToSafetensors[dtype]} shape ${formatShape(shape)} needs ${needed}`,
      { expected: needed, got: end - begin, hint: 'the header is corrupt' },
    );
  }
  return { name, dtype, shape, begin, end };
}

/** The reference requires the tensors to tile the data buffer exactly: no overlap, no gap, no tail. */
function checkCoverage(entries: readonly HeaderEntry[], dataBytes: number, source: string): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: HeaderEntry | undefined;
  for (const e of sorted) {
    if (e.begin < covered) {
      throw new FormatError(
        `${source}: tensors ${quoteName(previous?.name ?? '')} and ${quoteName(e.name)} overlap (bytes ${e.begin}..${covered})`,
        { hint: 'each tensor must own its own bytes; the header is corrupt or hostile' },
      );
    }
    if (e.begin > covered) {
      throw new FormatError(`${source}: bytes ${covered}..${e.begin} of the data buffer belong to no tensor`, {
        hint: 'safetensors requires the tensors to cover the data buffer without gaps',
      });
    }
    covered = e.end;
    previous = e;
  }
  if (covered !== dataBytes) {
    throw new FormatError(`${source}: the last ${dataBytes - covered} bytes of the data buffer belong to no tensor`, {
      expected: `${covered} data bytes`,
      got: dataBytes,
      hint: 'the file has trailing bytes; it may have been appended to or corrupted',
    });
  }
}

/** Parses and checks a header already decoded to text; `dataBytes` is the size of the buffer after it. */
export function parseHeader(text: string, dataBytes: number, source: string): ParsedHeader {
  if (!text.trimStart().startsWith('{')) {
    throw new FormatError(`${source}: the header does not start with "{"`, {
      expected: 'a JSON object',
      hint: 'this is not a safetensors file, or the file is corrupt',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${source}: the header is not valid JSON (${(error as Error).message})`, {
      hint: 'the file is truncated or corrupt',
    });
  }
  if (!isPlainObject(parsed)) throw new FormatError(`${source}: the header must be a JSON object, got ${describe(parsed)}`);
  checkUniqueKeys(text, source);
  let metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '__metadata__') metadata = parseMetadata(value, source);
    else entries.push(parseEntry(name, value, source, dataBytes));
  }
  checkCoverage(entries, dataBytes, source);
  return { entries, metadata };
}
