import { ShapeError, formatShape } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defaultGenerator } from '../../tensor/random.js';
import type { InitOptions } from './distributions.js';
import { fillWith } from './fan.js';

export interface OrthogonalOptions extends InitOptions {
  /** @default 1 */
  readonly gain?: number;
}

/**
 * Saxe et al. (2014): fills `t` (viewed as [rows, size/rows]) with a (semi-)orthogonal matrix
 * times `gain`. A normal matrix of the taller orientation is factored A = QR by modified
 * Gram–Schmidt, Q's columns are multiplied by sign(diag R) so Q is uniformly distributed
 * (Mezzadri 2007), and Q is transposed back when the tensor is wide.
 */
export function orthogonal(t: Tensor, options: OrthogonalOptions = {}): Tensor {
  if (t.ndim < 2) throw new ShapeError(`init.orthogonal: needs a tensor with at least 2 dimensions, got ${formatShape(t.shape)}`);
  const g = options.generator ?? defaultGenerator;
  const rows = t.shape[0]!;
  const cols = t.size / rows;
  const [m, n] = rows >= cols ? [rows, cols] : [cols, rows];
  // q[j] is column j of an m×n matrix (m >= n), drawn from N(0, 1).
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) q.push(new Float64Array(m));
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[j]![i] = g.normal();
  for (let j = 0; j < n; j++) {
    const v = q[j]!;
    for (let k = 0; k < j; k++) {
      const u = q[k]!;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += u[i]! * v[i]!;
      for (let i = 0; i < m; i++) v[i]! -= dot * u[i]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i]! * v[i]!;
    // r_jj = norm > 0, so sign(diag R) is already +1 for this factorization.
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) v[i]! /= norm;
  }
  const gain = options.gain ?? 1;
  // Element (r, c) of the rows×cols result: Q[r][c] when tall, Q[c][r] (i.e. Qᵀ) when wide.
  return fillWith(t, 'init.orthogonal', (idx) => {
    const r = Math.floor(idx / cols);
    const c = idx % cols;
    return gain * (rows >= cols ? q[c]![r]! : q[r]![c]!);
  });
}
