import { ConfigError } from '../errors/index.js';
import { loadModelFile } from '../io/index.js';
import { layerFromConfig } from '../nn/index.js';
import type { Module } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

export interface LoadedModel {
  readonly model: Module<[Tensor], Tensor>;
  /** The data set the model was trained on, when the file records it. */
  readonly data: string | undefined;
  readonly inputShape: readonly number[] | undefined;
}

/**
 * Rebuilds a model from a model file (safetensors weights plus the architecture JSON beside it)
 * without the code that built it, in eval mode.
 */
export async function loadModel(path: string): Promise<LoadedModel> {
  const file = await loadModelFile(path);
  const model = layerFromConfig(file.architecture) as Module<[Tensor], Tensor>;
  model.loadStateDict(file.stateDict);
  model.eval();
  const shapeText = file.metadata['inputShape'];
  let inputShape: number[] | undefined;
  if (shapeText !== undefined) {
    const parsed: unknown = JSON.parse(shapeText);
    if (!Array.isArray(parsed) || !parsed.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ConfigError(`${path}: metadata inputShape must be a list of positive integers, got ${shapeText}`);
    }
    inputShape = parsed as number[];
  }
  return { model, data: file.metadata['data'], inputShape };
}
