import { FormatError } from '../../errors/index.js';
import { readMaybeGzip } from './files.js';

/** The typed array an IDX file's values come back in, by its type code. */
export type IdxValues = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX file: its magic number, its dimensions and its values in row-major order. */
export interface IdxArray {
  readonly magic: number;
  readonly dims: readonly number[];
  readonly values: IdxValues;
}

/** Magic number of MNIST-style image files: uint8, 3 dimensions [N, rows, cols]. */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of MNIST-style label files: uint8, 1 dimension [N]. */
export const IDX_LABELS_MAGIC = 0x00000801;

interface IdxType {
  readonly name: string;
  readonly bytes: number;
  readonly read: (view: DataView, offset: number) => number;
}

// IDX type codes (LeCun et al., "THE MNIST DATABASE", file format section). Values are big-endian.
const IDX_TYPES: ReadonlyMap<number, IdxType> = new Map([
  [0x08, { name: 'uint8', bytes: 1, read: (v: DataView, o: number) => v.getUint8(o) }],
  [0x09, { name: 'int8', bytes: 1, read: (v: DataView, o: number) => v.getInt8(o) }],
  [0x0b, { name: 'int16', bytes: 2, read: (v: DataView, o: number) => v.getInt16(o, false) }],
  [0x0c, { name: 'int32', bytes: 4, read: (v: DataView, o: number) => v.getInt32(o, false) }],
  [0x0d, { name: 'float32', bytes: 4, read: (v: DataView, o: number) => v.getFloat32(o, false) }],
  [0x0e, { name: 'float64', bytes: 8, read: (v: DataView, o: number) => v.getFloat64(o, false) }],
]);

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export interface ParseIdxOptions {
  /** Names the data in errors (a file path). @default '<IDX bytes>' */
  readonly source?: string;
  /** The magic number the file must have, e.g. IDX_IMAGES_MAGIC. @default any valid IDX magic */
  readonly magic?: number;
}

/**
 * Parses IDX bytes (the MNIST / Fashion-MNIST format): a big-endian header of two zero bytes,
 * a type code and the number of dimensions, then one uint32 per dimension, then the values.
 * The header is checked against the data length before anything is allocated, so a hostile
 * header cannot make it allocate more than the file holds. uint8 values are returned as a view
 * of `bytes`, without a copy.
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  const source = options.source ?? '<IDX bytes>';
  const fail = (what: string, hint?: string): never => {
    throw new FormatError(`${source}: ${what}`, hint === undefined ? {} : { hint });
  };
  if (bytes.length < 4) fail(`truncated: ${bytes.length} bytes, an IDX file starts with a 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const type = IDX_TYPES.get(bytes[2]!);
  const ndim = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || ndim === 0) {
    fail(
      `wrong magic number ${hex(magic)} at byte 0: not an IDX file`,
      'an IDX file starts with two zero bytes, a type code (0x08 uint8 ... 0x0e float64) and the number of dimensions; is it gzipped under another name, or a different format?',
    );
  }
  if (options.magic !== undefined && magic !== options.magic) {
    fail(`wrong magic number ${hex(magic)} at byte 0, expected ${hex(options.magic)}`, describeMagic(options.magic));
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    fail(`truncated header: ${ndim} dimensions need ${headerBytes} header bytes, the file has ${bytes.length}`);
  }
  const dims: number[] = [];
  for (let d = 0; d < ndim; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const { bytes: width, name, read } = type!;
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = count * width;
  const actual = bytes.length - headerBytes;
  if (expected !== actual) {
    fail(
      expected > actual
        ? `header dims [${dims.join(',')}] of ${name} need ${expected} data bytes after byte ${headerBytes}, the file has ${actual}: truncated or a false header`
        : `header dims [${dims.join(',')}] of ${name} describe ${expected} data bytes, the file has ${actual - expected} bytes more after byte ${headerBytes}`,
      'the file is damaged or not what its header says; download or copy it again',
    );
  }
  if (width === 1 && name === 'uint8') return { magic, dims, values: bytes.subarray(headerBytes) };
  const values = allocIdx(name, count);
  for (let i = 0; i < count; i++) values[i] = read(view, headerBytes + i * width);
  return { magic, dims, values };
}

function allocIdx(name: string, count: number): IdxValues {
  switch (name) {
    case 'int8':
      return new Int8Array(count);
    case 'int16':
      return new Int16Array(count);
    case 'int32':
      return new Int32Array(count);
    case 'float32':
      return new Float32Array(count);
    default:
      return new Float64Array(count);
  }
}

function describeMagic(magic: number): string {
  if (magic === IDX_IMAGES_MAGIC) return `${hex(magic)} is uint8 images [N, rows, cols]; did you swap the images and labels files?`;
  if (magic === IDX_LABELS_MAGIC) return `${hex(magic)} is uint8 labels [N]; did you swap the images and labels files?`;
  return 'check that the file holds the array you meant to read';
}

export interface ReadIdxOptions {
  /** The magic number the file must have. @default any valid IDX magic */
  readonly magic?: number;
  /** The most bytes a gzipped file may inflate to. @default 1 GiB */
  readonly maxBytes?: number;
}

/** Reads an IDX file, gzipped (detected by content) or not. Errors name the file. */
export function readIdx(path: string, options: ReadIdxOptions = {}): IdxArray {
  const bytes = readMaybeGzip(path, 'readIdx', options.maxBytes);
  return parseIdx(bytes, options.magic === undefined ? { source: path } : { source: path, magic: options.magic });
}
