// Node module hooks (module.register) that let Node load the ES-module build of
// @tensorflow/tfjs-core's dist/ folder, which bundlers read but Node cannot as is: its
// relative imports have no extension ('./gradients/Abs_grad') and the package does not say
// "type": "module". Used only to run dist/register_all_gradients.js (see gradients.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** file: URL of tfjs-core's dist/ folder, with a trailing slash (from register's data). */
let coreDist = '';

export function initialize(data) {
  coreDist = data.coreDist;
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (coreDist !== '' && parent.startsWith(coreDist) && /^\.\.?\//.test(specifier) && !specifier.endsWith('.js')) {
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      const url = new URL(candidate, parent);
      if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (coreDist !== '' && url.startsWith(coreDist) && url.endsWith('.js') && !/\/tf-core[^/]*\.js$/.test(url)) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
