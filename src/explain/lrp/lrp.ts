import { grad } from '../../autograd/backward.js';
import { noGrad, withGradMode } from '../../autograd/grad-mode.js';
import { avgPool2d } from '../../ops/pool.js';
import { AvgPool2d } from '../../nn/layers/avg-pool-2d.js';
import { BatchNorm } from '../../nn/layers/batch-norm.js';
import { Conv2d } from '../../nn/layers/conv2d.js';
import { Linear } from '../../nn/layers/linear.js';
import { MaxPool2d } from '../../nn/layers/max-pool-2d.js';
import { Residual } from '../../nn/layers/residual.js';
import type { Module } from '../../nn/module.js';
import { Sequential } from '../../nn/sequential.js';
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { AttributionOptions, AttributionResult, ExplainedModel, LayerRelevance } from '../attribution.js';
import { inEvalMode, resolveTargets } from '../attribution.js';
import type { Composite } from './composite.js';
import { composite as checkComposite } from './composite.js';
import { fold } from './fold-batch-norm.js';
import { linearRelevance, stabilize, zRule } from './linear-rules.js';
import type { LrpRule, RuleSpec } from './rules.js';
import { normalizeRule, passRule, rulesByLayer, unsupportedLayer } from './rules.js';

export interface LrpOptions extends AttributionOptions, Omit<LrpRule, 'name'> {
  /** Rule of every Linear/Conv2d that the composite does not assign. @default 'epsilon' */
  readonly rule?: RuleSpec;
  /** Rules by layer type, position and name. @default none: `rule` everywhere */
  readonly composite?: Composite;
}

const passTypes = new Set(Object.entries(rulesByLayer).filter(([, r]) => r.includes(passRule)).map(([t]) => t));

interface Context {
  readonly options: LrpOptions;
  readonly composite: Composite;
  /** Dotted name of the first Linear/Conv2d, the layer that reads the input. */
  readonly firstName: string | null;
  readonly records: { name: string; type: string; rule: string; total: number[] }[];
}

/**
 * Layer-wise Relevance Propagation (Bach et al. 2015; Montavon et al. 2019): the target score
 * f_c(x) is put on the output and redistributed layer by layer down to the input. Linear and
 * Conv2d layers apply their rule (see `LrpRuleName`); BatchNorm after a Linear/Conv2d is folded
 * into it; MaxPool2d gives all relevance to the window's maximum, AvgPool2d shares it in
 * proportion to the inputs; activations, Flatten, Reshape and Dropout pass it through; a
 * Residual splits it between body and shortcut in proportion to their outputs. Works on
 * Sequential models built from these layers (nested Sequentials and Residuals included).
 * `extras.conservation` lists Σ R at every layer's input, per sample.
 *
 * @example lrp(model, x, { composite: { dense: 'epsilon', conv: 'gamma', first: { name: 'zB', low: 0, high: 1 } } })
 */
export function lrp(model: ExplainedModel, input: Tensor, options: LrpOptions = {}): AttributionResult {
  const comp = checkComposite(options.composite ?? {});
  const firstName = model.namedModules().find(([, m]) => m instanceof Linear || m instanceof Conv2d)?.[0] ?? null;
  return inEvalMode(model, () =>
    noGrad(() => {
      const x = input.detach();
      const output = model.call(x);
      const target = resolveTargets('lrp', output, options.target);
      const n = x.shape[0]!;
      const classes = output.shape[1]!;
      const mask = new Float64Array(n * classes);
      target.forEach((c, i) => (mask[i * classes + c] = 1));
      const relevance = output.mul(tensor(mask, { shape: [n, classes], dtype: 'float64' }).cast(output.dtype));
      const score = Array.from(relevance.sum(1).values(), Number);
      const ctx: Context = { options, composite: comp, firstName, records: [] };
      const attribution = propagate(model as unknown as Module, '', x, relevance, ctx);
      const conservation: LayerRelevance[] = ctx.records.map((r) => ({ ...r, ratio: r.total.map((t, i) => t / score[i]!) }));
      return { attribution, target, score, extras: { conservation } };
    }),
  );
}

function totals(r: Tensor): number[] {
  return Array.from(r.reshape(r.shape[0]!, -1).sum(1).values(), Number);
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function ruleFor(ctx: Context, name: string, layer: Module, type: string): LrpRule {
  const { composite: c, options } = ctx;
  const { rule: _rule, composite: _composite, target: _target, ...defaults } = options;
  const byName = c.layers?.[name];
  let spec: RuleSpec | undefined = byName;
  if (spec === undefined && name === ctx.firstName) spec = c.first;
  if (spec === undefined) spec = layer instanceof Linear ? c.dense : layer instanceof Conv2d ? c.conv : layer instanceof AvgPool2d ? c.pool : undefined;
  if (spec === undefined && layer instanceof AvgPool2d) {
    // Pooling follows the global rule where it can (LRP-0 or epsilon), epsilon otherwise.
    const global = normalizeRule(options.rule ?? 'epsilon', defaults);
    spec = global.name === 'zero' || global.name === 'epsilon' ? global : 'epsilon';
  }
  if (spec === undefined) spec = options.rule ?? 'epsilon';
  const rule = normalizeRule(spec, defaults);
  if (!(rulesByLayer[type] ?? []).includes(rule.name)) throw unsupportedLayer(name, type, rule.name);
  return rule;
}

function propagate(module: Module, name: string, x: Tensor, relevance: Tensor, ctx: Context): Tensor {
  if (module instanceof Sequential) {
    // Forward once to get every layer's input, then walk back. BatchNorm after Linear/Conv2d is folded.
    const layers: { name: string; layer: Module; input: Tensor; type: string }[] = [];
    const list = [...module];
    let h = x;
    for (let i = 0; i < list.length; i++) {
      let layer = list[i]!;
      let type = layer.constructor.name;
      const next = list[i + 1];
      const childName = join(name, String(i));
      if ((layer instanceof Linear || layer instanceof Conv2d) && next instanceof BatchNorm) {
        type = `${layer.constructor.name}+${next.constructor.name}`;
        layer = fold(layer, next, join(name, String(i + 1)));
        i++;
      }
      layers.push({ name: childName, layer, input: h, type });
      h = layer.call(h);
    }
    let r = relevance;
    for (let i = layers.length - 1; i >= 0; i--) {
      const { name: childName, layer, input, type } = layers[i]!;
      r = type.includes('+') ? leaf(layer, childName, input, r, ctx, type) : propagate(layer, childName, input, r, ctx);
    }
    return r;
  }
  if (module instanceof Residual) {
    // Split R between body and shortcut in proportion to their outputs: R_b = z_b / (z_b + z_s) · R.
    const zBody = module.body.call(x);
    const zSkip = module.shortcut === null ? x : module.shortcut.call(x);
    const tiny = x.dtype === 'float64' ? 1e-300 : 1e-30;
    const s = relevance.div(stabilize(zBody.add(zSkip), tiny));
    const rBody = propagate(module.body, join(name, 'body'), x, zBody.mul(s), ctx);
    const rSkip = module.shortcut === null ? zSkip.mul(s) : propagate(module.shortcut, join(name, 'shortcut'), x, zSkip.mul(s), ctx);
    const r = rBody.add(rSkip);
    ctx.records.push({ name: name === '' ? 'model' : name, type: 'Residual', rule: 'split', total: totals(r) });
    return r;
  }
  return leaf(module, name, x, relevance, ctx, module.constructor.name);
}

function leaf(layer: Module, name: string, x: Tensor, relevance: Tensor, ctx: Context, type: string): Tensor {
  const baseType = type.split('+')[0]!;
  let rule: string = passRule;
  let r: Tensor;
  if (layer instanceof Linear || layer instanceof Conv2d) {
    const chosen = ruleFor(ctx, name, layer, baseType);
    rule = chosen.name;
    r = linearRelevance(layer, x, relevance, chosen, name);
  } else if (layer instanceof AvgPool2d) {
    const chosen = ruleFor(ctx, name, layer, baseType);
    rule = chosen.name;
    const options = { stride: layer.stride, padding: layer.padding, countIncludePad: layer.countIncludePad };
    const eps = chosen.name === 'zero' ? (x.dtype === 'float64' ? 1e-300 : 1e-30) : (chosen.epsilon ?? 1e-6);
    r = zRule([{ input: x, map: (t) => avgPool2d(t, layer.kernelSize, options) }], relevance, eps);
  } else if (layer instanceof MaxPool2d) {
    // Winner takes all: the gradient of the max routes R to each window's maximum.
    checkPass(ctx, name, baseType);
    r = withGradMode(true, () => {
      const leafX = x.detach();
      leafX.requiresGrad = true;
      const [g] = grad(layer.call(leafX).mul(relevance).sum(), [leafX]) as [Tensor];
      return g.detach();
    });
  } else if (passTypes.has(baseType) && baseType !== 'Sequential' && baseType !== 'Residual') {
    checkPass(ctx, name, baseType);
    r = relevance.reshape(...x.shape);
  } else {
    throw unsupportedLayer(name === '' ? 'model' : name, baseType, normalizeRule(ctx.options.rule ?? 'epsilon').name);
  }
  ctx.records.push({ name: name === '' ? 'model' : name, type, rule, total: totals(r) });
  return r;
}

/** A layer that only routes relevance: assigning it a rule by name is an error. */
function checkPass(ctx: Context, name: string, type: string): void {
  const assigned = ctx.composite.layers?.[name];
  if (assigned !== undefined) throw unsupportedLayer(name, type, normalizeRule(assigned).name);
}
