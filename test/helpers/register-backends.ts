/**
 * Registers every backend the source tree provides besides `js`, so that the conformance
 * suite (forEachBackend) runs on each of them without edits.
 *
 * Fast backends live in src/backend/<name>/index.ts. Each candidate is imported if present;
 * an exported Backend object is registered, and an exported `load*` function is awaited and
 * its Backend result registered (a backend that cannot load here, e.g. no WebAssembly, is
 * skipped with a note on stderr, since js stays the specification).
 */
import { existsSync } from 'node:fs';
import { registerBackend } from '../../src/backend/index.js';
import type { Backend } from '../../src/backend/index.js';

const candidates = ['wasm', 'webgpu'];

function isBackend(value: unknown): value is Backend {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['name'] === 'string' && typeof record['gemm'] === 'function' && typeof record['binary'] === 'function';
}

async function registerFrom(folder: string): Promise<void> {
  const url = new URL(`../../src/backend/${folder}/index.ts`, import.meta.url);
  if (!existsSync(url)) return;
  const module: Record<string, unknown> = await import(new URL(`../../src/backend/${folder}/index.js`, import.meta.url).href);
  for (const [key, value] of Object.entries(module)) {
    if (isBackend(value)) registerBackend(value);
    else if (typeof value === 'function' && /^load/.test(key) && value.length === 0) {
      try {
        const loaded: unknown = await (value as () => unknown)();
        if (isBackend(loaded)) registerBackend(loaded);
      } catch (error) {
        process.stderr.write(`register-backends: ${folder}.${key}() failed, testing without it: ${String(error)}\n`);
      }
    }
  }
}

for (const folder of candidates) await registerFrom(folder);
