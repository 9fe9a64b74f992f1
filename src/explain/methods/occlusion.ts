import { noGrad } from '../../autograd/grad-mode.js';
import { ConfigError } from '../../errors/index.js';
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode, resolveTargets, selectTargets } from '../attribution.js';

export interface OcclusionOptions extends AttributionOptions {
  /**
   * Patch size over the last axes of each sample (a number: over the last two axes of images, the
   * last axis of vectors); axes before them (channels) are covered whole. @default 3
   */
  readonly window?: number | readonly number[];
  /** Step between patches, same convention. @default the window */
  readonly stride?: number | readonly number[];
  /** Value written into the patch. @default 0 */
  readonly baseline?: number;
  /** Patch positions evaluated per forward pass. @default 16 */
  readonly batchPositions?: number;
}

/**
 * Occlusion (Zeiler & Fergus 2014): slide a patch filled with `baseline` over the input; each
 * element's attribution is the mean drop f_c(x) − f_c(x with the patch) over the patches that
 * cover it. Patches start every `stride` and the last one is moved back to end at the border, so
 * every element is covered.
 *
 * @example occlusion(model, images, { window: 4, stride: 2 })
 */
export function occlusion(model: ExplainedModel, input: Tensor, options: OcclusionOptions = {}): AttributionResult {
  const x = input.detach();
  const [n, ...rest] = x.shape as [number, ...number[]];
  if (rest.length === 0) throw new ConfigError('occlusion: the input must be [N, ...], with at least one axis per sample');
  const spatial = Math.min(2, rest.length);
  const expand = (v: number | readonly number[], what: string): number[] => {
    const list = typeof v === 'number' ? Array.from({ length: spatial }, () => v) : [...v];
    if (list.length === 0 || list.length > rest.length || list.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new ConfigError(`occlusion: ${what} must be positive integers for at most ${rest.length} axes, got ${JSON.stringify(v)}`);
    }
    return list;
  };
  const window = expand(options.window ?? 3, 'window');
  const stride = expand(options.stride ?? window, 'stride');
  if (stride.length !== window.length) throw new ConfigError(`occlusion: stride has ${stride.length} axes, window ${window.length}`);
  const axes = window.map((_, i) => rest.length - window.length + i);
  window.forEach((w, i) => {
    if (w > rest[axes[i]!]!) throw new ConfigError(`occlusion: window ${w} exceeds axis ${axes[i]! + 1} of size ${rest[axes[i]!]}`);
  });
  const batchPositions = options.batchPositions ?? 16;
  const baseline = options.baseline ?? 0;
  // Patch starts per occluded axis, the last one flush with the border.
  const starts = axes.map((a, i) => {
    const size = rest[a]!;
    const list: number[] = [];
    for (let s = 0; s + window[i]! <= size; s += stride[i]!) list.push(s);
    if (list[list.length - 1]! + window[i]! < size) list.push(size - window[i]!);
    return list;
  });
  const positions = starts.reduce<number[][]>((acc, list) => acc.flatMap((p) => list.map((s) => [...p, s])), [[]]);
  const sampleSize = rest.reduce((a, b) => a * b, 1);
  // Coordinate of every element of a sample along each occluded axis.
  const coords = axes.map((a) => {
    const inner = rest.slice(a + 1).reduce((p, d) => p * d, 1);
    return Int32Array.from({ length: sampleSize }, (_, e) => Math.floor(e / inner) % rest[a]!);
  });
  const covered = (p: readonly number[], e: number): boolean => p.every((s, i) => coords[i]![e]! >= s && coords[i]![e]! < s + window[i]!);
  return inEvalMode(model, () =>
    noGrad(() => {
      const out = model.call(x);
      const target = resolveTargets('occlusion', out, options.target);
      const score = Array.from(selectTargets(out, target).values(), Number);
      const values = x.values();
      const sum = new Float64Array(n * sampleSize);
      const count = new Float64Array(n * sampleSize);
      for (let start = 0; start < positions.length; start += batchPositions) {
        const chunk = positions.slice(start, start + batchPositions);
        const data = new Float64Array(chunk.length * values.length);
        chunk.forEach((p, k) => {
          for (let i = 0; i < values.length; i++) data[k * values.length + i] = covered(p, i % sampleSize) ? baseline : values[i]!;
        });
        const batch = tensor(x.dtype === 'float64' ? data : Float32Array.from(data), { shape: [chunk.length * n, ...rest], dtype: x.dtype });
        const occluded = selectTargets(model.call(batch), chunk.flatMap(() => target)).values();
        chunk.forEach((p, k) => {
          for (let e = 0; e < sampleSize; e++) {
            if (!covered(p, e)) continue;
            for (let s = 0; s < n; s++) {
              sum[s * sampleSize + e]! += score[s]! - occluded[k * n + s]!;
              count[s * sampleSize + e]! += 1;
            }
          }
        });
      }
      const attribution = sum.map((v, i) => (count[i]! > 0 ? v / count[i]! : 0));
      return {
        attribution: tensor(x.dtype === 'float64' ? attribution : Float32Array.from(attribution), { shape: [n, ...rest], dtype: x.dtype }),
        target,
        score,
        extras: { note: `window=${window.join('x')}, stride=${stride.join('x')}, baseline=${baseline}` },
      };
    }),
  );
}
