/** The element types a tensor can hold. float32 is the default; float64 serves gradient checks. */
export type DType = 'float32' | 'float64' | 'int32';

/** The typed array that stores each dtype. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

export const dtypes: readonly DType[] = ['float32', 'float64', 'int32'];

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float64' || value === 'int32';
}

export function isFloat(dtype: DType): boolean {
  return dtype !== 'int32';
}

/** Allocates a zero-filled array of `size` elements for `dtype`. */
export function allocArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

/** The dtype stored by a typed array. */
export function dtypeOfArray(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  return 'int32';
}

/** Type promotion for binary ops, as NumPy for these three: float64 > float32 > int32. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === 'float64' || b === 'float64') return 'float64';
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'int32';
}

/** Bytes per element. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : 4;
}
