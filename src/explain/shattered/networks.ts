import { noGrad } from '../../autograd/index.js';
import { ConfigError } from '../../errors/index.js';
import { BatchNorm1d, Linear, ReLU, Residual, Sequential, kaimingNormal } from '../../nn/index.js';
import type { Module } from '../../nn/index.js';
import { Generator } from '../../tensor/index.js';
import type { Tensor } from '../../tensor/index.js';

// The networks of Balduzzi et al. 2017 ("The Shattered Gradients Problem: If resnets are the
// answer, then what is the question?", §4 and Fig. 1): scalar input, `width` ReLU units per
// layer, He-initialized weights, scalar output.

/** The three families compared. */
export type Architecture = 'plain' | 'plain-bn' | 'residual' | 'residual-bn';

export const architectures: readonly Architecture[] = ['plain', 'plain-bn', 'residual', 'residual-bn'];

export interface NetworkOptions {
  /** Units per hidden layer. @default 200 */
  readonly width?: number;
  /** Draws the weights and biases. @default a Generator seeded with 0 */
  readonly generator?: Generator;
  /**
   * Multiplies the output of each residual branch (folded into its weights at initialization):
   * x ← x + α·W·relu(x). Without batch normalization, α = 1 doubles the signal at every block.
   * @default 1/√depth for 'residual', 1 for 'residual-bn'
   */
  readonly branchScale?: number;
  /** Standard deviation of the biases: with zero biases a ReLU net of a scalar is linear on each side of 0. @default 0.1 */
  readonly biasStd?: number;
}

/** He-normal weights, N(0, biasStd²) biases, the weights scaled by `scale`. */
function heLinear(inputs: number, outputs: number, gen: Generator, biasStd: number, scale = 1): Linear {
  const layer = new Linear(inputs, outputs, { generator: gen });
  noGrad(() => {
    kaimingNormal(layer.weight, { generator: gen, nonlinearity: 'relu' });
    if (scale !== 1) layer.weight.storage.set(layer.weight.values().map((w) => w * scale));
    layer.bias!.storage.set(Float32Array.from({ length: outputs }, () => biasStd * gen.normal()));
  });
  return layer;
}

/**
 * A network of `depth` hidden layers of the given architecture:
 * - plain: Linear(1, w) → [ReLU → Linear(w, w)] × (depth − 1) → ReLU → Linear(w, 1);
 * - plain-bn: the same with BatchNorm1d before every ReLU;
 * - residual: Linear(1, w) → [x + α·Linear(relu(x))] × (depth − 1) → ReLU → Linear(w, 1);
 * - residual-bn: the same with batch normalization before each branch's ReLU, x + Linear(relu(BN(x)))
 *   (the pre-activation form Balduzzi et al. analyse).
 * Batch norm layers need statistics: `measureShattering` takes them from the grid of inputs.
 */
export function shatteringNetwork(architecture: Architecture, depth: number, options: NetworkOptions = {}): Module<[Tensor], Tensor> {
  if (!Number.isInteger(depth) || depth < 1) throw new ConfigError(`shatteringNetwork: depth must be an integer >= 1, got ${depth}`);
  const width = options.width ?? 200;
  const gen = options.generator ?? new Generator(0);
  const biasStd = options.biasStd ?? 0.1;
  const layers: Module<[Tensor], Tensor>[] = [heLinear(1, width, gen, biasStd)];
  const alpha = options.branchScale ?? (architecture === 'residual' ? 1 / Math.sqrt(depth) : 1);
  for (let l = 1; l < depth; l++) {
    if (architecture === 'plain' || architecture === 'plain-bn') {
      if (architecture === 'plain-bn') layers.push(new BatchNorm1d(width, { momentum: 1 }));
      layers.push(new ReLU(), heLinear(width, width, gen, biasStd));
    } else {
      const branch = architecture === 'residual-bn' ? [new BatchNorm1d(width, { momentum: 1 }), new ReLU()] : [new ReLU()];
      layers.push(new Residual(new Sequential([...branch, heLinear(width, width, gen, biasStd, alpha)])));
    }
  }
  if (architecture !== 'plain' && architecture !== 'residual') layers.push(new BatchNorm1d(width, { momentum: 1 }));
  layers.push(new ReLU(), heLinear(width, 1, gen, biasStd));
  return new Sequential(layers);
}
