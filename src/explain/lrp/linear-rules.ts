import { grad } from '../../autograd/backward.js';
import { noGrad, withGradMode } from '../../autograd/grad-mode.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import { conv2d } from '../../ops/conv.js';
import { Conv2d } from '../../nn/layers/conv2d.js';
import { Linear } from '../../nn/layers/linear.js';
import { onesLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import type { LrpRule } from './rules.js';

/** One term of z: a (modified) input passed through a (modified) map. */
export interface ZPart {
  readonly input: Tensor;
  readonly map: (t: Tensor) => Tensor;
}

/** z + ε·sign(z), with sign(0) = 1 so that no denominator is zero (Montavon et al. 2019, eq. 4). */
export function stabilize(z: Tensor, epsilon: number): Tensor {
  return z.add(z.ge(0).cast(z.dtype).mul(2).sub(1).mul(epsilon));
}

/**
 * The generic z-rule, as Zennit computes it: with z = Σ_p map_p(input_p) and s = R / stabilize(z),
 * R_in = Σ_p input_p ⊙ ∇_{input_p}(Σ z ⊙ s) (s held constant), i.e.
 * R_i = Σ_j input_i·w_ij / z_j · R_j for each part's weights w.
 */
export function zRule(parts: readonly ZPart[], relevance: Tensor, epsilon: number): Tensor {
  return withGradMode(true, () => {
    const leaves = parts.map((p) => {
      const t = p.input.detach();
      t.requiresGrad = true;
      return t;
    });
    const z = parts.map((p, i) => p.map(leaves[i]!)).reduce((a, b) => a.add(b));
    const s = noGrad(() => relevance.div(stabilize(z.detach(), epsilon)));
    const grads = grad(z.mul(s).sum(), leaves, { allowUnused: true });
    return noGrad(() => leaves.map((t, i) => t.detach().mul(grads[i]!)).reduce((a, b) => a.add(b)));
  });
}

/** A Linear or Conv2d as a function of (input, weight, bias). */
function linearMap(layer: Linear | Conv2d): (x: Tensor, w: Tensor, b: Tensor | null) => Tensor {
  if (layer instanceof Linear) return (x, w, b) => (b === null ? x.matmul(w.T) : x.matmul(w.T).add(b));
  const options = { stride: layer.stride, padding: layer.padding, dilation: layer.dilation, groups: layer.groups };
  return (x, w, b) => conv2d(x, w, b, options);
}

const pos = (t: Tensor): Tensor => t.clamp(0);
const neg = (t: Tensor): Tensor => t.clamp(undefined, 0);

/** Broadcasts a zB bound to the input's shape, checking that the input lies inside it. */
function bound(value: number | Tensor | undefined, x: Tensor, fallback: number, which: 'low' | 'high', name: string): Tensor {
  const v = value ?? fallback;
  const b = v instanceof Tensor ? v.detach().cast(x.dtype).add(x.mul(0)) : x.mul(0).add(v);
  const bad = which === 'low' ? x.lt(b.sub(1e-6)) : x.gt(b.add(1e-6));
  if (bad.sum().item() > 0) {
    throw new ConfigError(`lrp: rule zB at layer '${name}': the input leaves the box (some x ${which === 'low' ? '<' : '>'} ${which})`, {
      hint: "set the rule's low/high to the input's valid range (e.g. the normalized pixel range)",
    });
  }
  return b;
}

/**
 * R_in for a Linear or Conv2d layer with input x and output relevance R under `rule`
 * (Montavon et al. 2019, sec. 10.2.1 and eq. 6-7; zB: Montavon et al. 2017, "Deep Taylor
 * Decomposition", sec. 4.3).
 */
export function linearRelevance(layer: Linear | Conv2d, x: Tensor, relevance: Tensor, rule: LrpRule, name: string): Tensor {
  return noGrad(() => {
    const f = linearMap(layer);
    const w = layer.weight.detach();
    const b = layer.bias === null ? null : layer.bias.detach();
    const tiny = x.dtype === 'float64' ? 1e-300 : 1e-30;
    const part = (input: Tensor, weight: Tensor, bias: Tensor | null): ZPart => ({ input, map: (t) => f(t, weight, bias) });
    switch (rule.name) {
      case 'zero':
        return zRule([part(x, w, b)], relevance, tiny);
      case 'epsilon':
        return zRule([part(x, w, b)], relevance, rule.epsilon ?? 1e-6);
      case 'gamma': {
        // Montavon et al. 2019 eq. 5, w + γw⁺, for non-negative inputs; as in Zennit, inputs of either
        // sign favour the contributions that share the sign of the neuron's output z.
        const g = rule.gamma ?? 0.25;
        const up = (t: Tensor): Tensor => t.add(pos(t).mul(g));
        const down = (t: Tensor): Tensor => t.add(neg(t).mul(g));
        const z = f(x, w, b);
        const positive = relevance.mul(z.gt(0).cast(z.dtype));
        const negative = relevance.sub(positive);
        const rPos = zRule([part(pos(x), up(w), b === null ? null : up(b)), part(neg(x), down(w), null)], positive, tiny);
        const rNeg = zRule([part(pos(x), down(w), b === null ? null : down(b)), part(neg(x), up(w), null)], negative, tiny);
        return rPos.add(rNeg);
      }
      case 'zPlus':
      case 'alphaBeta': {
        // Positive contributions x⁺w⁺ + x⁻w⁻ and negative ones x⁺w⁻ + x⁻w⁺, each normalized by its own sum.
        const positive = zRule([part(pos(x), pos(w), b === null ? null : pos(b)), part(neg(x), neg(w), null)], relevance, tiny);
        const alpha = rule.name === 'zPlus' ? 1 : (rule.alpha ?? 2);
        const beta = rule.name === 'zPlus' ? 0 : (rule.beta ?? alpha - 1);
        if (beta === 0) return positive.mul(alpha);
        const negative = zRule([part(pos(x), neg(w), b === null ? null : neg(b)), part(neg(x), pos(w), null)], relevance, tiny);
        return positive.mul(alpha).sub(negative.mul(beta));
      }
      case 'flat':
        return zRule([part(onesLike(x), onesLike(w), null)], relevance, tiny);
      case 'wSquare':
        return zRule([part(onesLike(x), w.square(), null)], relevance, tiny);
      case 'zB': {
        const values = x.values();
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of values) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const low = bound(rule.low, x, lo, 'low', name);
        const high = bound(rule.high, x, hi, 'high', name);
        // z_j = Σ_i x_i w_ij − l_i w⁺_ij − h_i w⁻_ij: every term is >= 0 inside the box.
        return zRule([part(x, w, null), part(low, pos(w).neg(), null), part(high, neg(w).neg(), null)], relevance, tiny);
      }
      default:
        throw new ConfigError(`lrp: unknown rule '${String(rule.name)}'`);
    }
  });
}

/**
 * The Deep Taylor root point of neuron j of a bias-free dense layer under zB (Montavon et al.
 * 2017, sec. 4.3): x̃ = x − t·v with v_i = x_i − l_i where w_ij > 0, x_i − h_i otherwise, and
 * t = z_j / Σ_i v_i w_ij. It lies on the segment from x towards the box corner and has w_jᵀx̃ = 0.
 */
export function zBoxRootPoint(weight: Tensor, x: Tensor, low: Tensor, high: Tensor, j: number): Tensor {
  return noGrad(() => {
    if (weight.ndim !== 2 || x.ndim !== 1 || x.shape[0] !== weight.shape[1]) {
      throw new ShapeError(`zBoxRootPoint: expected weight [out, in] and x [in], got ${formatShape(weight.shape)} and ${formatShape(x.shape)}`);
    }
    const wj = weight.slice(j, null);
    const v = wj.gt(0).cast(x.dtype).mul(x.sub(low)).add(wj.le(0).cast(x.dtype).mul(x.sub(high)));
    const t = x.mul(wj).sum().div(v.mul(wj).sum());
    return x.sub(v.mul(t));
  });
}
