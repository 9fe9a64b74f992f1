import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('examples/02-digits.ts', () => {
  it('runs fit and evaluate end to end', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/02-digits.ts', '--epochs', '3'], { encoding: 'utf8' });
    const accuracy = Number(/accuracy: ([0-9.]+)/.exec(out.split('\n').at(-2) ?? '')?.[1]);
    assert.ok(accuracy > 0.8 && accuracy <= 1, `test accuracy ${accuracy}`);
  });
});
