import { ConfigError } from '../../errors/index.js';
import { tensor } from '../../tensor/index.js';
import { gaussianBlur } from '../methods/reference.js';

/**
 * What a removed pixel becomes: 'zero', 'mean' (the image's mean per channel), 'blur' (the
 * image under a Gaussian blur with σ = 1/8 of its shorter side, at least 1 pixel: RISE's
 * insertion start), or a number.
 */
export type PerturbationBaseline = 'zero' | 'mean' | 'blur' | number;

/** The baseline image for `values` of shape [1, ...] (images [1, C, H, W] are handled per channel). */
export function fillValues(values: Float32Array, shape: readonly number[], baseline: PerturbationBaseline): Float32Array {
  if (typeof baseline === 'number') return new Float32Array(values.length).fill(baseline);
  if (baseline === 'zero') return new Float32Array(values.length);
  if (baseline === 'blur') {
    if (shape.length !== 4) throw new ConfigError("perturbation: the 'blur' baseline needs image inputs [1, C, H, W]", { hint: "use 'zero' or 'mean' for vectors" });
    const sigma = Math.max(1, Math.min(shape[2]!, shape[3]!) / 8);
    return Float32Array.from(gaussianBlur(tensor(values, { shape: [...shape] }), sigma).values());
  }
  if (baseline !== 'mean') throw new ConfigError(`perturbation: unknown baseline '${String(baseline)}'`, { expected: "'zero', 'mean', 'blur' or a number", got: baseline });
  const plane = shape.length === 4 ? shape[2]! * shape[3]! : values.length;
  const out = new Float32Array(values.length);
  for (let start = 0; start < values.length; start += plane) {
    const part = values.subarray(start, start + plane);
    out.fill(part.reduce((a, b) => a + b, 0) / plane, start, start + plane);
  }
  return out;
}
