import { grad, noGrad } from '../../autograd/index.js';
import { ConfigError, ShapeError, formatShape } from '../../errors/index.js';
import type { Module } from '../../nn/index.js';
import { Generator, linspace } from '../../tensor/index.js';
import type { Tensor } from '../../tensor/index.js';
import { autocorrelation, highFrequencyPower } from './autocorrelation.js';
import { architectures, shatteringNetwork } from './networks.js';
import type { NetworkOptions } from './networks.js';

// Balduzzi et al. 2017: the gradient ∂f/∂x of a deep plain ReLU network, sampled along a line of
// inputs, decorrelates toward white noise as depth grows (correlation ~ 2^−depth), while a
// residual network's stays correlated (~ 1/√depth with batch norm).

/** Builds a fresh, randomly initialized network of `depth` layers from `generator`. */
export type ModelFactory = (depth: number, generator: Generator) => Module<[Tensor], Tensor>;

export interface ShatteringOptions {
  /** Depths measured. @default [2, 4, 8, 16, 32, 50] */
  readonly depths?: readonly number[];
  /** Inputs on the grid. @default 256 */
  readonly points?: number;
  /** The grid's ends. @default [-2, 2] */
  readonly range?: readonly [number, number];
  /** Networks averaged per (architecture, depth), each from its own seed. @default 3 */
  readonly networks?: number;
  /** First seed. @default 0 */
  readonly seed?: number;
  /** Lags of the autocorrelation function kept. @default 32 */
  readonly maxLag?: number;
}

/** One architecture at one depth, averaged over the networks. */
export interface ShatteringPoint {
  readonly depth: number;
  /** Mean lag-1 autocorrelation of the gradient sequence: 1 smooth, 0 white noise. */
  readonly lag1: number;
  /** Standard deviation of lag1 over the networks. */
  readonly lag1Spread: number;
  /** Mean fraction of the gradient's power above half the Nyquist frequency (white noise: about 0.5). */
  readonly highFrequency: number;
  /** Mean autocorrelation function, lags 0..maxLag. */
  readonly acf: readonly number[];
}

export interface ShatteringCurve {
  readonly name: string;
  readonly points: readonly ShatteringPoint[];
  /** The gradient sequence of the first network at the largest depth (for plotting). */
  readonly exampleGradient: readonly number[];
}

export interface ShatteringResult {
  readonly xs: readonly number[];
  readonly curves: readonly ShatteringCurve[];
}

/**
 * ∂f(xᵢ)/∂xᵢ at every point of `xs` [N, 1] for a model with one output. Batch-norm layers
 * first take their statistics from the grid itself (one forward pass in training mode; their
 * momentum should be 1), then every layer runs in evaluation mode so that each output depends on
 * its own input only.
 */
export function inputGradients(model: Module<[Tensor], Tensor>, xs: Tensor): Float64Array {
  if (xs.ndim !== 2 || xs.shape[1] !== 1) throw new ShapeError(`inputGradients: expected inputs [N, 1], got ${formatShape(xs.shape)}`);
  model.train();
  noGrad(() => model.call(xs));
  model.eval();
  const x = xs.detach().requiresGrad_();
  const y = model.call(x);
  if (y.size !== xs.shape[0]) throw new ShapeError(`inputGradients: the model must have one output per input, got ${formatShape(y.shape)}`);
  const [g] = grad(y.sum(), x);
  return Float64Array.from(g!.values());
}

/** The factories of the three architectures of `shatteringNetwork`, with shared options. */
export function defaultShatteringFactories(options: Omit<NetworkOptions, 'generator'> = {}): Record<string, ModelFactory> {
  return Object.fromEntries(architectures.map((a) => [a, (depth: number, generator: Generator) => shatteringNetwork(a, depth, { ...options, generator })]));
}

/**
 * Measures how the input gradients of each family of networks decorrelate with depth: lag-1
 * autocorrelation, power at high frequencies and the autocorrelation function, averaged over
 * several random networks per depth.
 */
export function measureShattering(factories: Readonly<Record<string, ModelFactory>>, options: ShatteringOptions = {}): ShatteringResult {
  const depths = options.depths ?? [2, 4, 8, 16, 32, 50];
  const points = options.points ?? 256;
  const [lo, hi] = options.range ?? [-2, 2];
  const networks = options.networks ?? 3;
  const maxLag = Math.min(options.maxLag ?? 32, points - 1);
  if (!Number.isInteger(points) || points < 8) throw new ConfigError(`measureShattering: points must be an integer >= 8, got ${points}`);
  if (!Number.isInteger(networks) || networks < 1) throw new ConfigError(`measureShattering: networks must be a positive integer, got ${networks}`);
  const xs = linspace(lo, hi, points).reshape(points, 1);
  const curves = Object.entries(factories).map(([name, factory]) => {
    let exampleGradient: number[] = [];
    const curvePoints = depths.map((depth) => {
      const lag1s: number[] = [];
      let highFrequency = 0;
      const acf = new Float64Array(maxLag + 1);
      for (let k = 0; k < networks; k++) {
        const g = inputGradients(factory(depth, new Generator((options.seed ?? 0) * 7919 + k * 104729 + depth)), xs);
        const rho = autocorrelation(g, maxLag);
        lag1s.push(rho[1] ?? 1);
        highFrequency += highFrequencyPower(g) / networks;
        rho.forEach((r, lag) => (acf[lag]! += r / networks));
        if (k === 0 && depth === Math.max(...depths)) exampleGradient = Array.from(g);
      }
      const lag1 = lag1s.reduce((a, b) => a + b, 0) / networks;
      const lag1Spread = Math.sqrt(lag1s.reduce((a, b) => a + (b - lag1) ** 2, 0) / networks);
      return { depth, lag1, lag1Spread, highFrequency, acf: Array.from(acf) };
    });
    return { name, points: curvePoints, exampleGradient };
  });
  return { xs: Array.from(xs.values()), curves };
}
