import { ConfigError } from '../errors/index.js';

/** When the analysis of a Diagnostics run raises each warning. Every field has a default. */
export interface WarningThresholds {
  /**
   * Vanishing gradients: warn when the first parametrized layer's gradient norm (mean over the
   * epoch's recorded steps) is below this fraction of the last layer's. @default 1e-2 (two orders of magnitude)
   */
  readonly vanishingRatio?: number;
  /**
   * Exploding gradients: warn when a recorded step's total gradient norm exceeds this many times
   * the geometric mean of the previous `explodingWindow` recorded steps. Non-finite gradients or
   * weights always warn. @default 100
   */
  readonly explodingGrowth?: number;
  /** Recorded steps the growth of the gradient norm is measured against. @default 10 */
  readonly explodingWindow?: number;
  /** Dead units: warn when more than this fraction of a ReLU layer's units were dead for a whole epoch. @default 0.5 */
  readonly deadFraction?: number;
  /**
   * Overfitting: warn when validation loss has stayed above its best for this many epochs while
   * the training loss fell below its value at that best epoch. @default 2
   */
  readonly overfitPatience?: number;
  /** Overfitting: the relative rise of validation loss over its best that counts. @default 0.01 (1%) */
  readonly overfitMinRise?: number;
}

/** What a Diagnostics records and when. */
export interface DiagnosticsOptions {
  /**
   * Record norms, update ratios and activation statistics on the first step and every
   * `every`-th step after it, to keep the cost low; dead-unit tracking still sees every training
   * step. @default 1
   */
  readonly every?: number;
  /** A tanh output with |y| above this, or a sigmoid output outside [1 − this, this], is saturated. @default 0.99 */
  readonly saturation?: number;
  /** Warning thresholds. @default see WarningThresholds */
  readonly thresholds?: WarningThresholds;
}

/** Thresholds with every default filled in. */
export type ResolvedThresholds = Required<WarningThresholds>;

export const defaultThresholds: ResolvedThresholds = {
  vanishingRatio: 1e-2,
  explodingGrowth: 100,
  explodingWindow: 10,
  deadFraction: 0.5,
  overfitPatience: 2,
  overfitMinRise: 0.01,
};

function check(name: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new ConfigError(`Diagnostics: option ${name} must be ${expected}, got ${value}`, { expected, got: value });
}

/** Fills defaults and checks ranges. */
export function resolveThresholds(t: WarningThresholds = {}): ResolvedThresholds {
  const r = { ...defaultThresholds, ...t };
  check('thresholds.vanishingRatio', r.vanishingRatio, r.vanishingRatio > 0 && r.vanishingRatio < 1, 'a number in (0, 1)');
  check('thresholds.explodingGrowth', r.explodingGrowth, r.explodingGrowth > 1, 'a number > 1');
  check('thresholds.explodingWindow', r.explodingWindow, Number.isInteger(r.explodingWindow) && r.explodingWindow >= 1, 'an integer >= 1');
  check('thresholds.deadFraction', r.deadFraction, r.deadFraction >= 0 && r.deadFraction < 1, 'a number in [0, 1)');
  check('thresholds.overfitPatience', r.overfitPatience, Number.isInteger(r.overfitPatience) && r.overfitPatience >= 1, 'an integer >= 1');
  check('thresholds.overfitMinRise', r.overfitMinRise, r.overfitMinRise >= 0, 'a number >= 0');
  return r;
}

export function resolveEvery(every = 1): number {
  check('every', every, Number.isInteger(every) && every >= 1, 'an integer >= 1');
  return every;
}

export function resolveSaturation(s = 0.99): number {
  check('saturation', s, s > 0.5 && s < 1, 'a number in (0.5, 1)');
  return s;
}
