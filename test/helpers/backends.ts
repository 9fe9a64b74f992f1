import { describe, it } from 'node:test';
import { listBackends, withBackend } from '../../src/backend/index.js';

/** Test registration scoped to one backend: every body runs with that backend selected. */
export interface BackendSuite {
  /** The backend's name. */
  readonly name: string;
  /** Like node:test's `it`, with the body run under `withBackend(name, ...)`. */
  it(title: string, body: () => void): void;
}

/**
 * Registers `body`'s tests once per registered backend (read from `listBackends()` when the
 * test file loads), inside `describe('<title> [<backend>]')`. The registry registers wasm itself
 * where it loads; any backend registered with `registerBackend` before then is picked up too.
 */
export function forEachBackend(title: string, body: (suite: BackendSuite) => void): void {
  for (const name of listBackends()) {
    describe(`${title} [${name}]`, () => {
      body({
        name,
        it: (testTitle, testBody) => {
          it(testTitle, () => withBackend(name, testBody));
        },
      });
    });
  }
}
