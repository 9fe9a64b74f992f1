import type { ParamGroup, ParamsInput } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import type { FloatArray, Slots } from './param-access.js';
import { checkNonNegative, gradSlots, invalid, kernelStateBuffer, paramSlots, stateBuffer, stateNumber } from './param-access.js';
import { getBackend } from '../backend/registry.js';
import type { ParamState } from './optimizer.js';
import type { Tensor } from '../tensor/tensor.js';

/** Hyperparameters of Adam and AdamW. */
export type AdamOptions = {
  /** Learning rate. @default 1e-3 */
  lr: number;
  /** Decay rates (β1, β2) of the first and second moment estimates. @default [0.9, 0.999] */
  betas: readonly [number, number];
  /** Added to the denominator for numerical stability. @default 1e-8 */
  eps: number;
  /** Adam: L2 penalty added to the gradient; AdamW: decoupled decay rate. @default 0 (Adam), 1e-2 (AdamW) */
  weightDecay: number;
  /** Use the running maximum of the second moment (Reddi et al. 2018, AMSGrad). @default false */
  amsgrad: boolean;
};

const defaults: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false };

/** Validates Adam-family hyperparameters; `op` names the optimizer in the message. */
export function validateAdam(op: string, o: AdamOptions): void {
  checkNonNegative(op, 'learning rate', o.lr);
  checkNonNegative(op, 'epsilon value', o.eps);
  checkNonNegative(op, 'weightDecay value', o.weightDecay);
  if (!Array.isArray(o.betas) || o.betas.length !== 2) invalid(op, 'betas', JSON.stringify(o.betas), 'two numbers [beta1, beta2]');
  o.betas.forEach((b, i) => {
    if (!(b >= 0 && b < 1)) invalid(op, `beta parameter at index ${i}`, b, '0 <= beta < 1');
  });
}

/**
 * One Adam step on one parameter (torch.optim.Adam / AdamW, single-tensor path):
 *
 *     (Adam)  g ← ∇θ + λθ          (AdamW) θ ← θ - lr·λ·θ
 *     m ← β1·m + (1-β1)·g,   v ← β2·v + (1-β2)·g²,   v̂max ← max(v̂max, v) (amsgrad)
 *     θ ← θ - lr/(1-β1ᵗ) · m / (√v / √(1-β2ᵗ) + ε)
 *
 * Kingma & Ba 2015, Algorithm 1; decoupled decay from Loshchilov & Hutter 2019, Algorithm 2.
 */
export function adamStep(p: Tensor, g: Slots, state: ParamState, o: AdamOptions, decoupled: boolean): void {
  const { data: w, offset: wo } = paramSlots(decoupled ? 'AdamW' : 'Adam', p);
  const { data: gd, offset: go } = g;
  const [b1, b2] = o.betas;
  const { lr, eps, weightDecay: wd, amsgrad } = o;
  const t = stateNumber(state, 'step') + 1;
  state['step'] = t;
  const stepSize = lr / (1 - b1 ** t);
  const bc2Sqrt = Math.sqrt(1 - b2 ** t);
  const l2 = decoupled ? 0 : wd;
  const shrink = decoupled ? 1 - lr * wd : 1;
  const n = p.size;
  const kernels = getBackend().optimizer;
  if (!amsgrad && kernels !== undefined && w instanceof Float32Array && gd instanceof Float32Array) {
    // The backend's kernel (wasm: SIMD float32 across threads, the moments kept in its memory).
    const coefficients = { beta1: b1, beta2: b2, l2, stepSize, invBiasCorrection2: 1 / bc2Sqrt, eps, shrink };
    const m = kernelStateBuffer(kernels, state, 'expAvg', p);
    const v = kernelStateBuffer(kernels, state, 'expAvgSq', p);
    if (m !== null && v !== null && kernels.adam(w, wo, gd, go, m, v, n, coefficients)) return;
  }
  const m = stateBuffer(state, 'expAvg', p);
  const v = stateBuffer(state, 'expAvgSq', p);
  const vmax = amsgrad ? stateBuffer(state, 'maxExpAvgSq', p) : null;
  if (decoupled && shrink !== 1) for (let i = wo; i < wo + n; i++) w[i] *= shrink;
  adamLoop(w, wo, gd, go, m, v, vmax, n, b1, b2, l2, stepSize, 1 / bc2Sqrt, eps);
}

/**
 * The update of adamStep over the elements, with the running maximum of the second moment in
 * the denominator when `vmax` is given (AMSGrad); the test on it is loop-invariant, so the
 * branch predicts perfectly (about 5 ns per parameter, bound by the float64 sqrt and division).
 */
function adamLoop(
  w: FloatArray, wo: number, gd: FloatArray, go: number, m: FloatArray, v: FloatArray, vmax: FloatArray | null, n: number,
  b1: number, b2: number, l2: number, stepSize: number, invBc2Sqrt: number, eps: number,
): void {
  const [c1, c2] = [1 - b1, 1 - b2];
  for (let i = 0; i < n; i++) {
    const d = gd[go + i]! + l2 * w[wo + i]!;
    const mi = b1 * m[i]! + c1 * d;
    const vi = b2 * v[i]! + c2 * d * d;
    m[i] = mi;
    v[i] = vi;
    let second = vi;
    if (vmax !== null) {
      second = Math.max(vmax[i]!, vi);
      vmax[i] = second;
    }
    w[wo + i] -= (stepSize * mi) / (Math.sqrt(second) * invBc2Sqrt + eps);
  }
}

/**
 * Adam (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980) with weight decay as an L2 term
 * added to the gradient, as torch.optim.Adam. For decoupled decay use AdamW.
 * @example const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { ...defaults, ...options });
  }

  protected validate(o: AdamOptions): void {
    validateAdam('Adam', o);
  }

  protected updateGroup(group: ParamGroup<AdamOptions>): void {
    for (const p of group.params) {
      const g = gradSlots('Adam', p);
      if (g !== null) adamStep(p, g, this.stateOf(p), group.options, false);
    }
  }
}
