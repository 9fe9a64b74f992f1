import { grad } from '../../autograd/backward.js';
import { noGrad, withGradMode } from '../../autograd/grad-mode.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { Conv2d } from '../../nn/layers/conv2d.js';
import type { Module } from '../../nn/module.js';
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel } from '../attribution.js';
import { inEvalMode, resolveTargets, selectTargets } from '../attribution.js';

export interface GradCamOptions extends AttributionOptions {
  /** Dotted name of the layer whose output [N, K, h, w] is explained. @default the last Conv2d */
  readonly layer?: string;
  /** Upsample the map to the input's height and width (bilinear). @default true */
  readonly upsample?: boolean;
}

/**
 * Grad-CAM (Selvaraju et al. 2017, eqs. 1-2): with A^k the K feature maps of a convolutional
 * layer, α_k = mean over positions of ∂f_c/∂A^k and the map is ReLU(Σ_k α_k A^k), bilinearly
 * upsampled (half-pixel centres, as PyTorch's align_corners=false) to the input's H×W.
 * The attribution is [N, 1, H, W]; `extras.cam` holds the [N, h, w] map.
 *
 * @example gradCam(model, images, { layer: '3' })
 */
export function gradCam(model: ExplainedModel, input: Tensor, options: GradCamOptions = {}): AttributionResult {
  const modules = model.namedModules();
  let name = options.layer;
  if (name === undefined) {
    const convs = modules.filter(([, m]) => m instanceof Conv2d);
    if (convs.length === 0) throw new ConfigError('gradCam: the model has no Conv2d layer', { hint: 'pass options.layer, the dotted name of a layer with [N, K, h, w] output' });
    name = convs[convs.length - 1]![0];
  }
  const found = modules.find(([n]) => n === name);
  if (found === undefined) {
    throw new ConfigError(`gradCam: no layer named '${name}'`, { expected: modules.map(([n]) => n).filter((n) => n !== '').join(', '), got: name });
  }
  const layer = found[1] as unknown as Module;
  return inEvalMode(model, () =>
    withGradMode(true, () => {
      let activation: Tensor | null = null;
      const handle = layer.registerForwardHook((_m, _inputs, output) => {
        activation = output as Tensor;
      });
      let out: Tensor;
      try {
        const x = input.detach();
        x.requiresGrad = true;
        out = model.call(x);
      } finally {
        handle.remove();
      }
      const a = activation as Tensor | null;
      if (a === null || a.ndim !== 4) {
        throw new ShapeError(`gradCam: layer '${name}' must output [N, K, h, w], got ${a === null ? 'nothing' : formatShape(a.shape)}`, {
          hint: 'choose a convolutional (or pooling) layer',
        });
      }
      const target = resolveTargets('gradCam', out, options.target);
      const scores = selectTargets(out, target);
      const [g] = grad(scores.sum(), [a], { allowUnused: true }) as [Tensor];
      const cam = noGrad(() => g.mean([2, 3], true).mul(a.detach()).sum(1).relu());
      const upsample = options.upsample ?? true;
      const attribution = upsample && input.ndim === 4 ? bilinear(cam, input.shape[2]!, input.shape[3]!).reshape(cam.shape[0]!, 1, input.shape[2]!, input.shape[3]!) : cam.unsqueeze(1);
      return { attribution, target, score: Array.from(scores.detach().values(), Number), extras: { cam, layer: name } };
    }),
  );
}

/** Bilinear resize of [N, h, w] to [N, H, W] with half-pixel centres (PyTorch align_corners=false). */
export function bilinear(map: Tensor, height: number, width: number): Tensor {
  const [n, h, w] = map.shape as [number, number, number];
  const src = map.values();
  const out = new Float64Array(n * height * width);
  const axis = (i: number, outSize: number, inSize: number): [number, number, number] => {
    const pos = Math.max(0, ((i + 0.5) * inSize) / outSize - 0.5);
    const lo = Math.min(Math.floor(pos), inSize - 1);
    const hi = Math.min(lo + 1, inSize - 1);
    return [lo, hi, pos - lo];
  };
  for (let s = 0; s < n; s++) {
    for (let y = 0; y < height; y++) {
      const [y0, y1, fy] = axis(y, height, h);
      for (let x = 0; x < width; x++) {
        const [x0, x1, fx] = axis(x, width, w);
        const at = (r: number, c: number): number => src[s * h * w + r * w + c]!;
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        out[s * height * width + y * width + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return tensor(map.dtype === 'float64' ? out : Float32Array.from(out), { shape: [n, height, width], dtype: map.dtype });
}
