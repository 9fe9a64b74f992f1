// Fused activation backward of the wasm backend, in JavaScript (memory-bound, like the
// elementwise kernels): one loop per op, with the reference's rounding of intermediates.
import type { TypedArray } from '../../tensor/dtype.js';
import type { UnaryBackwardKernel } from '../backend.js';

/** out[i] = grad[i] · f'(·) from `at` (the forward input for relu/leakyRelu, the output for sigmoid/tanh). */
export function unaryBackward(op: UnaryBackwardKernel, at: TypedArray, grad: TypedArray, out: TypedArray, alpha: number): void {
  const n = out.length;
  const f32 = out instanceof Float32Array;
  switch (op) {
    case 'relu':
      // grad · 1 or grad · 0 (so NaN and ±Infinity gradients give NaN where the input was not
      // positive, as the reference); the number from the comparison avoids a mispredicted branch.
      for (let i = 0; i < n; i++) out[i] = grad[i]! * +(at[i]! > 0);
      return;
    case 'leakyRelu': {
      const slope = f32 ? Math.fround(alpha) : alpha;
      for (let i = 0; i < n; i++) out[i] = at[i]! > 0 ? grad[i]! : grad[i]! * slope;
      return;
    }
    case 'sigmoid':
      if (f32) {
        for (let i = 0; i < n; i++) {
          const y = at[i]!;
          out[i] = grad[i]! * Math.fround(y * Math.fround(1 - y));
        }
      } else {
        for (let i = 0; i < n; i++) {
          const y = at[i]!;
          out[i] = grad[i]! * (y * (1 - y));
        }
      }
      return;
    case 'tanh':
      if (f32) {
        for (let i = 0; i < n; i++) {
          const y = at[i]!;
          out[i] = grad[i]! * Math.fround(1 - Math.fround(y * y));
        }
      } else {
        for (let i = 0; i < n; i++) {
          const y = at[i]!;
          out[i] = grad[i]! * (1 - y * y);
        }
      }
      return;
  }
}
