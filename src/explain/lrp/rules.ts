import { ConfigError } from '../../errors/index.js';
import type { Tensor } from '../../tensor/tensor.js';

/**
 * LRP rules (Montavon et al. 2019, "Layer-Wise Relevance Propagation: An Overview", table 1 and
 * sec. 10.2; Bach et al. 2015): 'zero' (LRP-0), 'epsilon', 'gamma', 'zPlus' (= alpha1beta0),
 * 'alphaBeta', 'flat', 'wSquare' and 'zB' (Deep Taylor's rule for a bounded input box).
 */
export type LrpRuleName = 'zero' | 'epsilon' | 'gamma' | 'zPlus' | 'alphaBeta' | 'flat' | 'wSquare' | 'zB';

export const lrpRuleNames: readonly LrpRuleName[] = ['zero', 'epsilon', 'gamma', 'zPlus', 'alphaBeta', 'flat', 'wSquare', 'zB'];

/** A rule with its hyperparameters. Unset values come from the LRP options, then the defaults. */
export interface LrpRule {
  readonly name: LrpRuleName;
  /** Stabilizer of 'epsilon': z + ε·sign(z). @default 1e-6 */
  readonly epsilon?: number;
  /** Weight of positive contributions in 'gamma': w + γ·w⁺. @default 0.25 */
  readonly gamma?: number;
  /** 'alphaBeta': α·(positive share) − β·(negative share), with α − β = 1. @default 2 (β = α − 1) */
  readonly alpha?: number;
  readonly beta?: number;
  /** Box of 'zB': each input lies in [low, high] (numbers or tensors broadcastable to the input). @default the input's min and max */
  readonly low?: number | Tensor;
  readonly high?: number | Tensor;
}

/** A rule by name, or with its hyperparameters. */
export type RuleSpec = LrpRuleName | LrpRule;

/** Layers without weights route relevance instead of applying a rule: this is their rule name in reports. */
export const passRule = 'pass';

/** Which rules each supported layer type accepts (for the error message and the checks). */
export const rulesByLayer: Readonly<Record<string, readonly string[]>> = {
  Linear: lrpRuleNames,
  Conv2d: lrpRuleNames,
  AvgPool2d: ['zero', 'epsilon'],
  MaxPool2d: [passRule],
  Flatten: [passRule],
  Reshape: [passRule],
  Dropout: [passRule],
  ReLU: [passRule],
  LeakyReLU: [passRule],
  ELU: [passRule],
  GELU: [passRule],
  Tanh: [passRule],
  Sigmoid: [passRule],
  Residual: [passRule],
  Sequential: [passRule],
};

/** Fills in a rule's hyperparameters and checks them. */
export function normalizeRule(spec: RuleSpec, defaults: Omit<LrpRule, 'name'> = {}): LrpRule {
  const rule: LrpRule = typeof spec === 'string' ? { name: spec, ...defaults } : { ...defaults, ...spec };
  if (!lrpRuleNames.includes(rule.name)) {
    throw new ConfigError(`lrp: unknown rule '${String(rule.name)}'; the rules are ${lrpRuleNames.join(', ')}`, { expected: lrpRuleNames.join(', '), got: rule.name });
  }
  const alpha = rule.alpha ?? (rule.beta === undefined ? 2 : rule.beta + 1);
  const beta = rule.beta ?? alpha - 1;
  if (rule.name === 'alphaBeta' && (Math.abs(alpha - beta - 1) > 1e-12 || beta < 0)) {
    throw new ConfigError(`lrp: alphaBeta needs alpha − beta = 1 and beta >= 0, got alpha ${alpha}, beta ${beta}`, { hint: 'alpha 2, beta 1 or alpha 1, beta 0 (= zPlus)' });
  }
  const epsilon = rule.epsilon ?? 1e-6;
  const gamma = rule.gamma ?? 0.25;
  if (!(epsilon >= 0)) throw new ConfigError(`lrp: epsilon must be >= 0, got ${epsilon}`);
  if (!(gamma >= 0)) throw new ConfigError(`lrp: gamma must be >= 0, got ${gamma}`);
  return { ...rule, alpha, beta, epsilon, gamma };
}

/** A ConfigError for `rule` at a layer that does not support it, naming the layer and the rules that do. */
export function unsupportedLayer(name: string, type: string, rule: string): ConfigError {
  const supported = rulesByLayer[type];
  const table = Object.entries(rulesByLayer)
    .filter(([t]) => t === 'Linear' || t === 'AvgPool2d' || t === 'MaxPool2d')
    .map(([t, r]) => `${t}: ${r.join(', ')}`)
    .join('; ');
  const message =
    supported === undefined
      ? `lrp: layer '${name}' (${type}) is not supported by rule '${rule}': no LRP rule supports ${type}`
      : `lrp: layer '${name}' (${type}) is not supported by rule '${rule}'; rules that support ${type}: ${supported.join(', ')}`;
  return new ConfigError(message, {
    expected: supported ?? Object.keys(rulesByLayer).join(', '),
    got: rule,
    hint:
      supported === undefined
        ? `LRP handles ${Object.keys(rulesByLayer).join(', ')} (BatchNorm is folded into the preceding Linear/Conv2d). Rules: ${table}`
        : `assign one of ${supported.join(', ')} to '${name}'`,
  });
}
