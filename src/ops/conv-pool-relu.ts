import { grad } from '../autograd/backward.js';
import { isGradEnabled, withGradMode } from '../autograd/grad-mode.js';
import type { ConvPoolReluKernels, ConvShape } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Conv2dOptions } from './conv.js';
import { conv2d } from './conv.js';
import { defineOp, recordGrad } from './define.js';
import { maxPool2d } from './pool.js';
import { relu } from './unary.js';
import { contiguousData, empty } from './util.js';
import { windowGeometry } from './window.js';

/** The block as separate ops: what the fused kernels compute, and where they do not apply. */
const composite = (input: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions): Tensor =>
  relu(maxPool2d(conv2d(input, weight, bias, options), 2));

const f32 = (t: Tensor): Float32Array => t.storage as Float32Array;

/** The backend's fused kernels and the sizes, when they apply to these arguments (else undefined). */
function fusedCase(input: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions): { kernels: ConvPoolReluKernels; shape: ConvShape } | undefined {
  const kernels = getBackend().convPoolRelu;
  const float32 = (t: Tensor | null): boolean => t === null || t.dtype === 'float32';
  if (kernels === undefined || input.ndim !== 4 || weight.ndim !== 4 || !float32(input) || !float32(weight) || !float32(bias)) return undefined;
  const [n, c] = input.shape as [number, number];
  const [o, cw, kh, kw] = weight.shape as [number, number, number, number];
  if ((options.groups ?? 1) !== 1 || c !== cw || (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== o))) return undefined;
  const g = windowGeometry('conv2dMaxPoolRelu', input.shape, [kh, kw], {
    stride: options.stride ?? 1, padding: options.padding ?? 0, dilation: options.dilation ?? 1,
  });
  if (g.outH % 2 !== 0 || g.outW % 2 !== 0) return undefined;
  return { kernels, shape: { n, cIn: c, cOut: o, g } };
}

/**
 * relu(maxPool2d(conv2d(input, weight, bias, options), 2)) as one op: the block of most small
 * CNNs (Sequential runs Conv2d → MaxPool2d(2) → ReLU, in either order of the last two, through
 * it). Where the backend has fused kernels (the wasm backend: float32, groups 1, an even conv
 * output) the conv output and its gradient stay in the backend's memory and only the pooled
 * values leave it; elsewhere it is the three ops. Same values and gradients either way, and
 * backward with createGraph differentiates the three ops.
 */
export const conv2dMaxPoolRelu = defineOp(
  'conv2dMaxPoolRelu',
  (input: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor => {
    const fused = fusedCase(input, weight, bias, options);
    if (fused === undefined) return composite(input, weight, bias, options);
    const { kernels, shape: s } = fused;
    const x = contiguousData(input);
    const w = contiguousData(weight);
    const b = bias === null ? null : contiguousData(bias);
    const out = empty([s.n, s.cOut, s.g.outH / 2, s.g.outW / 2], 'float32');
    const codes = new Uint8Array(out.size);
    if (!kernels.forward(f32(x), x.offset, f32(w), w.offset, b && f32(b), b?.offset ?? 0, f32(out), codes, s)) {
      return composite(input, weight, bias, options);
    }
    const inputs = bias === null ? [input, weight] : [input, weight, bias];
    return recordGrad('conv2dMaxPoolRelu', out, inputs, (gradOut) => {
      // The separate ops' gradients: recorded (createGraph) through the inputs themselves, else
      // through detached copies, so that the sweep stops at the block.
      const unfused = (): (Tensor | null)[] => {
        const record = isGradEnabled();
        const at = record ? inputs : inputs.map((t) => t.detach().requiresGrad_(t.requiresGrad));
        const wanted = at.filter((t) => t.requiresGrad);
        const [ix, iw, ib] = at as [Tensor, Tensor, Tensor | undefined];
        const y = withGradMode(true, () => composite(ix, iw, ib ?? null, options));
        const found = grad(y, wanted, { gradOutputs: [gradOut], createGraph: record, retainGraph: true });
        return at.map((t) => (t.requiresGrad ? found[wanted.indexOf(t)]! : null));
      };
      if (isGradEnabled()) return unfused();
      const dy = contiguousData(gradOut);
      const dx = input.requiresGrad ? empty(input.shape, 'float32') : null;
      const dw = weight.requiresGrad ? empty(weight.shape, 'float32') : null;
      const dBias = bias?.requiresGrad === true ? empty(bias.shape, 'float32') : null;
      const grads = { dx: dx && f32(dx), dw: dw && f32(dw), dBias: dBias && f32(dBias) };
      if (!kernels.backward(f32(dy), dy.offset, codes, dw === null ? null : f32(x), x.offset, dx === null ? null : f32(w), w.offset, grads, s)) return unfused();
      return [dx, dw, ...(bias === null ? [] : [dBias])];
    });
  },
);
