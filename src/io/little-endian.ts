/**
 * Little-endian copies between raw bytes and typed arrays. safetensors stores every element
 * little-endian; a typed array uses the host's byte order, so a big-endian host must swap.
 * Both directions always copy: a typed array never views the file's bytes (an offset in a
 * file need not be a multiple of the element size, and the caller may reuse the bytes).
 */
import type { DType, TypedArray } from '../tensor/index.js';

/** True when this machine stores numbers little-endian (every common CPU does). */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes per element of each dtype. */
export function elementBytes(dtype: DType): number {
  return dtype === 'float64' ? 8 : 4;
}

/**
 * Reads `count` elements of `dtype` stored little-endian at `bytes[begin...]` into a new,
 * properly aligned typed array. The caller has checked that the range lies inside `bytes`.
 * `littleEndianHost` selects the fast path (a byte copy) and exists so tests can run the
 * DataView path on any machine.
 */
export function readLittleEndian(
  bytes: Uint8Array,
  begin: number,
  count: number,
  dtype: DType,
  littleEndianHost: boolean = hostIsLittleEndian,
): TypedArray {
  const width = elementBytes(dtype);
  if (littleEndianHost) {
    // slice() copies into a fresh ArrayBuffer that starts at byte 0, so the view is aligned.
    const copy = bytes.slice(begin, begin + count * width).buffer;
    if (dtype === 'float32') return new Float32Array(copy);
    if (dtype === 'float64') return new Float64Array(copy);
    return new Int32Array(copy);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + begin, count * width);
  if (dtype === 'float32') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    return out;
  }
  if (dtype === 'float64') {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
    return out;
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
  return out;
}

/** Writes `values` little-endian into `target` starting at byte `begin` (bounds checked by the caller). */
export function writeLittleEndian(
  target: Uint8Array,
  begin: number,
  values: TypedArray,
  littleEndianHost: boolean = hostIsLittleEndian,
): void {
  if (littleEndianHost) {
    target.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), begin);
    return;
  }
  const view = new DataView(target.buffer, target.byteOffset + begin, values.byteLength);
  if (values instanceof Float32Array) {
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  } else if (values instanceof Float64Array) {
    for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i]!, true);
  } else {
    for (let i = 0; i < values.length; i++) view.setInt32(4 * i, values[i]!, true);
  }
}
