import type { Tensor } from './tensor.js';

/** Above this many elements, printing shows only the first and last `edgeItems` per axis (NumPy's threshold). */
const threshold = 1000;
const edgeItems = 3;

function formatNumber(value: number, isInt: boolean, fixed: boolean): string {
  if (isInt) return String(value);
  if (!Number.isFinite(value)) return String(value);
  return fixed ? value.toFixed(4) : value.toExponential(4);
}

/**
 * Formats a tensor like NumPy: nested brackets, aligned values, long axes abbreviated with
 * `...`, then the shape and dtype.
 */
export function formatTensor(t: Tensor): string {
  const values = t.values();
  const isInt = t.dtype === 'int32';
  const summarize = t.size > threshold;
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (Number.isFinite(v) && v > maxAbs) maxAbs = v;
  }
  const fixed = maxAbs === 0 || (maxAbs < 1e6 && maxAbs >= 1e-3);
  const strings = Array.from(values, (v) => formatNumber(v, isInt, fixed));
  const width = strings.reduce((w, s) => Math.max(w, s.length), 0);
  const pad = (s: string): string => s.padStart(width);

  const render = (axis: number, start: number, indent: string): string => {
    if (t.ndim === 0) return pad(strings[0]!);
    const d = t.shape[axis]!;
    let step = 1;
    for (let a = axis + 1; a < t.ndim; a++) step *= t.shape[a]!;
    const indices: (number | null)[] = [];
    if (summarize && d > 2 * edgeItems) {
      for (let i = 0; i < edgeItems; i++) indices.push(i);
      indices.push(null);
      for (let i = d - edgeItems; i < d; i++) indices.push(i);
    } else {
      for (let i = 0; i < d; i++) indices.push(i);
    }
    if (axis === t.ndim - 1) {
      return `[${indices.map((i) => (i === null ? '...' : pad(strings[start + i]!))).join(', ')}]`;
    }
    const separator = `,${'\n'.repeat(t.ndim - axis - 1)}${indent} `;
    const parts = indices.map((i) => (i === null ? '...' : render(axis + 1, start + i * step, `${indent} `)));
    return `[${parts.join(separator)}]`;
  };
  return `tensor(${render(0, 0, '       ')}, shape=[${t.shape.join(',')}], dtype=${t.dtype})`;
}
