import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('examples/01-xor.ts', () => {
  it('trains a network with plain autograd and SGD to 100% accuracy on XOR', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/01-xor.ts', '--json'], { encoding: 'utf8' });
    const result = JSON.parse(out.trim()) as { accuracy: number; loss: number; predictions: number[] };
    assert.equal(result.accuracy, 1);
    assert.ok(result.loss < 0.05, `final loss ${result.loss}`);
    assert.deepEqual(result.predictions.map((p) => (p > 0.5 ? 1 : 0)), [0, 1, 1, 0]);
  });

  it('does not reach 100% when it does not train (the test can fail)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/01-xor.ts', '--json', '--steps', '0'], { encoding: 'utf8' });
    const result = JSON.parse(out.trim()) as { accuracy: number };
    assert.ok(result.accuracy < 1);
  });
});
