import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/index.js';
import { Flatten, Sequential, cnn, layerFromConfig, lstmClassifier, mlp } from '../nn/index.js';
import type { Module } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

export type BuiltinModel = 'mlp' | 'cnn' | 'lstm';
export const builtinModels: readonly BuiltinModel[] = ['mlp', 'cnn', 'lstm'];

export interface ModelSpecOptions {
  /** Hidden widths of the MLP. @default [256, 128] */
  readonly hidden?: readonly number[];
  /** Dropout after each hidden layer of the MLP. @default 0 */
  readonly dropout?: number;
}

/**
 * Builds the model a `--model` value names: 'mlp' (Flatten then an MLP), 'cnn' (the benchmark
 * CNN), 'lstm' (reads images row by row), or a JSON architecture file (layerFromConfig).
 */
export function buildModel(spec: string, inputShape: readonly number[], numClasses: number, options: ModelSpecOptions = {}): Module<[Tensor], Tensor> {
  switch (spec) {
    case 'mlp': {
      const features = inputShape.reduce((p, d) => p * d, 1);
      const body = mlp(features, options.hidden ?? [256, 128], numClasses, { dropout: options.dropout ?? 0 });
      return new Sequential([new Flatten(), ...body.children()] as Module<[Tensor], Tensor>[]);
    }
    case 'cnn':
      if (inputShape.length !== 3) throw new ConfigError(`the cnn model needs image inputs [C, H, W]; this data set has samples of shape [${inputShape.join(',')}]`, { hint: 'use --model mlp for tables' });
      return cnn(inputShape, { classes: numClasses });
    case 'lstm':
      return lstmClassifier(inputShape, { classes: numClasses });
    default: {
      if (!spec.endsWith('.json')) {
        throw new ConfigError(`unknown model '${spec}'`, { expected: `${builtinModels.join(', ')} or an architecture .json file`, got: spec });
      }
      const parsed: unknown = JSON.parse(readFileSync(spec, 'utf8'));
      // A model file's architecture JSON wraps the layer config; a bare layer config works too.
      const config = typeof parsed === 'object' && parsed !== null && 'architecture' in parsed ? (parsed as { architecture: unknown }).architecture : parsed;
      return layerFromConfig(config) as Module<[Tensor], Tensor>;
    }
  }
}
