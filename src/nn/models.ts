import { ConfigError, ShapeError, formatShape } from '../errors/index.js';
import type { Generator } from '../tensor/random.js';
import { ELU, GELU, LeakyReLU, ReLU, Sigmoid, Tanh } from './layers/activations.js';
import { BatchNorm1d } from './layers/batch-norm-1d.js';
import { withGenerator } from './layers/checks.js';
import { Conv2d } from './layers/conv2d.js';
import { Dropout } from './layers/dropout.js';
import { Flatten } from './layers/flatten.js';
import { LastTimeStep } from './layers/last-time-step.js';
import { Linear } from './layers/linear.js';
import { LSTM } from './layers/lstm.js';
import { MaxPool2d } from './layers/max-pool-2d.js';
import { Reshape } from './layers/reshape.js';
import type { TensorModule } from './sequential.js';
import { Sequential } from './sequential.js';

/** Activation names the builders accept. */
export type ActivationName = 'relu' | 'leakyRelu' | 'elu' | 'gelu' | 'sigmoid' | 'tanh';

const activationNames: readonly ActivationName[] = ['relu', 'leakyRelu', 'elu', 'gelu', 'sigmoid', 'tanh'];

/** A fresh activation module by name. */
export function activation(name: ActivationName): TensorModule {
  switch (name) {
    case 'relu':
      return new ReLU();
    case 'leakyRelu':
      return new LeakyReLU();
    case 'elu':
      return new ELU();
    case 'gelu':
      return new GELU();
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new Tanh();
    default:
      throw new ConfigError(`activation: unknown activation '${String(name)}'`, { expected: activationNames.join(', '), got: name });
  }
}

export interface MlpOptions {
  /** Nonlinearity after every hidden layer. @default 'relu' */
  readonly activation?: ActivationName;
  /** Dropout probability after every hidden activation; 0 adds no Dropout layers. @default 0 */
  readonly dropout?: number;
  /** A BatchNorm1d between each hidden Linear and its activation. @default false */
  readonly batchNorm?: boolean;
  /** Initializes the weights and draws the dropout masks. @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * A multilayer perceptron: for each hidden width, Linear → [BatchNorm1d] → activation →
 * [Dropout]; then a final Linear to `outputs` (logits, no activation).
 * @example mlp(784, [128, 64], 10, { dropout: 0.2 })
 */
export function mlp(inputs: number, hidden: readonly number[], outputs: number, options: MlpOptions = {}): Sequential {
  const gen = withGenerator(options.generator);
  const dropout = options.dropout ?? 0;
  const model = new Sequential();
  let width = inputs;
  for (const h of hidden) {
    model.append(new Linear(width, h, gen));
    if (options.batchNorm ?? false) model.append(new BatchNorm1d(h));
    model.append(activation(options.activation ?? 'relu'));
    if (dropout > 0) model.append(new Dropout(dropout, gen));
    width = h;
  }
  return model.append(new Linear(width, outputs, gen));
}

export interface CnnOptions {
  /** Number of classes (size of the last Linear). @default 10 */
  readonly classes?: number;
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * The benchmark CNN: conv 3×3×32 → ReLU → maxpool 2 → conv 3×3×64 → ReLU → maxpool 2 →
 * flatten → dense 128 → ReLU → dense `classes`. The convolutions use padding 1 ('same'), so
 * both 1×28×28 (MNIST) and 1×8×8 (digits) inputs work; H and W must be divisible by 4.
 * Each ReLU is applied after its max-pool: ReLU is non-decreasing, so relu(maxpool(x)) =
 * maxpool(relu(x)) with the same gradients, and the ReLU touches 4x fewer values.
 * @example cnn([1, 28, 28]) // 3136 features after flatten
 */
export function cnn(inputShape: readonly number[] = [1, 28, 28], options: CnnOptions = {}): Sequential {
  const [channels, height, width] = inputShape;
  if (inputShape.length !== 3 || channels === undefined || height === undefined || width === undefined || height % 4 !== 0 || width % 4 !== 0) {
    throw new ShapeError(`cnn: inputShape must be [C, H, W] with H and W divisible by 4, got ${formatShape(inputShape)}`, {
      hint: 'use [1, 28, 28] for MNIST or [1, 8, 8] for the digits data set',
    });
  }
  const gen = withGenerator(options.generator);
  return new Sequential([
    new Conv2d(channels, 32, { kernelSize: 3, padding: 1, ...gen }),
    new MaxPool2d(2),
    new ReLU(),
    new Conv2d(32, 64, { kernelSize: 3, padding: 1, ...gen }),
    new MaxPool2d(2),
    new ReLU(),
    new Flatten(),
    new Linear(64 * (height / 4) * (width / 4), 128, gen),
    new ReLU(),
    new Linear(128, options.classes ?? 10, gen),
  ]);
}

export interface LstmClassifierOptions {
  /** @default 10 */
  readonly classes?: number;
  /** @default 128 */
  readonly hiddenSize?: number;
  /** @default 1 */
  readonly numLayers?: number;
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * Reads an image row by row: [N, 1, H, W] (or [N, H, W]) → Reshape([H, W]) → LSTM over H steps
 * of W features → the last step's hidden state → Linear to `classes`.
 * @example lstmClassifier([1, 28, 28], { hiddenSize: 64 })
 */
export function lstmClassifier(inputShape: readonly number[] = [1, 28, 28], options: LstmClassifierOptions = {}): Sequential {
  const rows = inputShape[inputShape.length - 2];
  const cols = inputShape[inputShape.length - 1];
  if (inputShape.length < 2 || rows === undefined || cols === undefined || inputShape.slice(0, -2).some((d) => d !== 1)) {
    throw new ShapeError(`lstmClassifier: inputShape must be [1, H, W] or [H, W], got ${formatShape(inputShape)}`);
  }
  const gen = withGenerator(options.generator);
  const hidden = options.hiddenSize ?? 128;
  return new Sequential([
    new Reshape([rows, cols]),
    new LastTimeStep(new LSTM(cols, hidden, { numLayers: options.numLayers ?? 1, ...gen })),
    new Linear(hidden, options.classes ?? 10, gen),
  ]);
}
