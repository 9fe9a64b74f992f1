import { ConfigError, NumericError } from '../errors/index.js';
import { Tensor } from '../tensor/tensor.js';
import { hasGradient } from '../autograd/leaf-gradients.js';

/** Options of clipGradNorm. */
export interface ClipGradNormOptions {
  /** The p of the p-norm; Infinity for the max norm. @default 2 */
  readonly normType?: number;
  /** Throw NumericError when the total norm is NaN or infinite. @default false */
  readonly errorIfNonfinite?: boolean;
}

function withGrads(params: readonly Tensor[]): Tensor[] {
  return params.filter(hasGradient);
}

/**
 * Replaces p.grad by `f` applied to each value. The gradient gets a fresh storage: backward may
 * hand the same gradient storage to several leaves (x + y gives both the upstream gradient), so
 * scaling that storage in place could clip one parameter twice.
 */
function mapGrad(p: Tensor, f: (v: number) => number): void {
  const g = p.grad!;
  const src = g.values();
  const out = g.dtype === 'float64' ? new Float64Array(src.length) : new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]!);
  p.grad = new Tensor(out, g.shape);
}

function label(p: Tensor, i: number): string {
  return p.name === undefined ? `params[${i}]` : `'${p.name}'`;
}

/** Adds Σ|v|^p of `values` to `acc` (for p = ∞: the running max, NaN sticking). */
function accumulate(values: ArrayLike<number>, normType: number, acc: number): number {
  const n = values.length;
  if (normType === Infinity) {
    for (let i = 0; i < n; i++) {
      const a = Math.abs(values[i]!);
      if (a > acc || Number.isNaN(a)) acc = a;
    }
  } else if (normType === 2) {
    for (let i = 0; i < n; i++) acc += values[i]! * values[i]!;
  } else {
    for (let i = 0; i < n; i++) acc += Math.abs(values[i]!) ** normType;
  }
  return acc;
}

/**
 * Clips the gradients of `params` so that their total norm (as if all gradients were one
 * vector) is at most `maxNorm`, as torch.nn.utils.clip_grad_norm_: when the norm exceeds
 * maxNorm every gradient is multiplied by maxNorm / (norm + 1e-6). Returns the total norm
 * before clipping. Parameters without a gradient are skipped.
 * @example const norm = clipGradNorm(model.parameters(), 1.0);
 */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number, options: ClipGradNormOptions = {}): number {
  const normType = options.normType ?? 2;
  if (!(normType > 0)) throw new ConfigError(`clipGradNorm: Invalid normType: ${normType}`, { expected: 'a number > 0 or Infinity', got: normType });
  if (!(maxNorm >= 0)) throw new ConfigError(`clipGradNorm: Invalid maxNorm: ${maxNorm}`, { expected: 'a number >= 0', got: maxNorm });
  const ps = withGrads(params);
  if (ps.length === 0) return 0;
  let acc = 0;
  for (const p of ps) acc = accumulate(p.grad!.values(), normType, acc);
  const total = normType === Infinity ? acc : normType === 2 ? Math.sqrt(acc) : acc ** (1 / normType);
  if (options.errorIfNonfinite === true && !Number.isFinite(total)) {
    const bad = params
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.grad !== null && p.grad.values().some((v) => !Number.isFinite(v)))
      .map(({ p, i }) => label(p, i));
    throw new NumericError(`clipGradNorm: the total norm of order ${normType} of the gradients is ${total}; non-finite gradients in ${bad.join(', ')}`, {
      got: total,
      hint: 'lower the learning rate, check the loss for log(0) or division by zero, or pass errorIfNonfinite: false',
    });
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const p of ps) mapGrad(p, (v) => v * coef);
  return total;
}

/**
 * Clamps every gradient value of `params` into [-clipValue, clipValue], as
 * torch.nn.utils.clip_grad_value_.
 * @example clipGradValue(model.parameters(), 0.5);
 */
export function clipGradValue(params: readonly Tensor[], clipValue: number): void {
  if (!(clipValue >= 0)) throw new ConfigError(`clipGradValue: Invalid clipValue: ${clipValue}`, { expected: 'a number >= 0', got: clipValue });
  for (const p of withGrads(params)) mapGrad(p, (v) => (v > clipValue ? clipValue : v < -clipValue ? -clipValue : v));
}
