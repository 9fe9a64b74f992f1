import { ConfigError } from '../../errors/index.js';
import type { RuleSpec } from './rules.js';
import { normalizeRule } from './rules.js';

/**
 * Which rule each layer gets (Kohlbrenner et al. 2020, "Towards best practice in explaining
 * neural network decisions with LRP"; Montavon et al. 2019, sec. 10.3): by dotted layer name
 * first, then `first` for the layer that reads the input, then by layer type.
 */
export interface Composite {
  /** Rule of Linear layers. @default the LRP options' `rule` */
  readonly dense?: RuleSpec;
  /** Rule of Conv2d layers. @default the LRP options' `rule` */
  readonly conv?: RuleSpec;
  /** Rule of the first Linear/Conv2d (the one that reads the input); typically 'zB' or 'flat'. */
  readonly first?: RuleSpec;
  /** Rule of AvgPool2d layers ('zero' or 'epsilon'). @default the options' `rule` when it is one of these, else 'epsilon' */
  readonly pool?: RuleSpec;
  /** Rules by dotted layer name ('3', 'body.0'); these win over everything else. */
  readonly layers?: Readonly<Record<string, RuleSpec>>;
}

/**
 * Checks a composite and returns it.
 * @example composite({ dense: 'epsilon', conv: 'gamma', first: { name: 'zB', low: 0, high: 1 } })
 */
export function composite(spec: Composite): Composite {
  if (typeof spec !== 'object' || spec === null) throw new ConfigError('lrp: a composite must be an object like { dense: "epsilon", conv: "gamma", first: "zB" }');
  for (const key of Object.keys(spec)) {
    if (!['dense', 'conv', 'first', 'pool', 'layers'].includes(key)) {
      throw new ConfigError(`lrp: unknown composite field '${key}'`, { expected: 'dense, conv, first, pool, layers', got: key });
    }
  }
  for (const rule of [spec.dense, spec.conv, spec.first, spec.pool, ...Object.values(spec.layers ?? {})]) {
    if (rule !== undefined) normalizeRule(rule);
  }
  return spec;
}

/** The standard composite: epsilon on dense layers, gamma on convolutions, zB on the first layer. */
export const epsilonGammaBox: Composite = { dense: 'epsilon', conv: 'gamma', first: 'zB' };
