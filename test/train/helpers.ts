// Shared fixtures of the train tests: a small 3-class problem and model builders.
import { TensorDataset } from '../../src/data/tensor-dataset.js';
import { mlp } from '../../src/nn/models.js';
import type { Module } from '../../src/nn/module.js';
import { Generator, Tensor } from '../../src/tensor/index.js';

/** Three Gaussian blobs in 2-D (centres (±2, 0) and (0, 2.5)), `n` samples, classes in turn. */
export function blobs(n = 96, seed = 7): TensorDataset {
  const g = new Generator(seed);
  const centres = [
    [-2, 0],
    [2, 0],
    [0, 2.5],
  ];
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    x[2 * i] = centres[c]![0]! + 0.5 * g.normal();
    x[2 * i + 1] = centres[c]![1]! + 0.5 * g.normal();
  }
  return new TensorDataset(new Tensor(x, [n, 2]), new Tensor(y, [n]));
}

/** The flat weights of a model, in namedParameters order (for bitwise comparisons). */
export function weights(model: Module): number[][] {
  return model.namedParameters().map(([, p]) => Array.from(p.values()));
}

/** A 2-16-3 MLP, with dropout when asked. */
export function smallMlp(dropout = 0): Module<[Tensor], Tensor> {
  return mlp(2, [16], 3, { dropout });
}

/** A history without the wall-clock field, which differs between runs. */
export function withoutSeconds(epochs: readonly Record<string, number>[]): Record<string, number>[] {
  return epochs.map(({ seconds: _seconds, ...rest }) => rest);
}
