// Registers TF.js's gradient functions. @tensorflow/tfjs-core's Node build (dist/tf-core.node.js)
// leaves them out (they come with the @tensorflow/tfjs union package, or a bundler that reads
// '@tensorflow/tfjs-core/dist/register_all_gradients'); without them training stops with
// "Cannot compute gradient: gradient function not found for RealDiv". We run that same module
// through Node with core-esm-hooks.mjs. Its modules are a second copy of tfjs-core's ES build,
// but the gradient registry and the engine live in TF.js's global namespace, so the gradients
// land in the registry that the Node build reads.
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

let done = false;

export async function registerAllGradients(): Promise<void> {
  if (done || tf.getGradient('RealDiv') !== undefined) return;
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist');
  register('./core-esm-hooks.mjs', import.meta.url, { data: { coreDist: `${pathToFileURL(dist).href}/` } });
  await import(pathToFileURL(join(dist, 'register_all_gradients.js')).href);
  if (tf.getGradient('RealDiv') === undefined) {
    throw new Error('bench/tfjs: loading register_all_gradients.js did not register the gradients in the engine tfjs-core uses');
  }
  done = true;
}
