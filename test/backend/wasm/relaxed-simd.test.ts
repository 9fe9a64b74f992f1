import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { createWasmBackend } from '../../../src/backend/index.js';
import { relaxedSimdSupported } from '../../../src/backend/wasm/load.js';

// Node 20 validates relaxed SIMD only with this V8 flag (Node 22+ and Chrome 114+ by default).
const flag = '--experimental-wasm-relaxed-simd';

describe('the relaxed-SIMD build', () => {
  it('loads where the engine supports it, and the plain build when asked for', () => {
    const auto = createWasmBackend({ name: 'wasm-relaxed-auto', threads: 1 });
    assert.equal(auto.relaxedSimd, relaxedSimdSupported());
    const plain = createWasmBackend({ name: 'wasm-relaxed-off', threads: 1, relaxedSimd: false });
    assert.equal(plain.relaxedSimd, false);
  });

  it(`passes the GEMM and training suites in a process started with ${flag}`, { timeout: 240000 }, () => {
    const probe = spawnSync(process.execPath, [flag, '--import', 'tsx', '-e',
      "import('./src/backend/wasm/load.ts').then((m) => console.log(m.relaxedSimdSupported()))"], { encoding: 'utf8' });
    assert.equal(probe.stdout.trim(), 'true', `the flag did not enable relaxed SIMD: ${probe.stderr}`);
    const suites = ['test/backend/wasm/gemm.test.ts', 'test/backend/wasm/training.test.ts'];
    const run = spawnSync(process.execPath, [flag, '--import', 'tsx', '--test', '--test-reporter=dot', ...suites], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  });
});
