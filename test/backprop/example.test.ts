import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('examples/03-backprop-views.ts', () => {
  it('--quick --json: the three views agree with autograd on a trained mlp and report dead relu units', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/03-backprop-views.ts', '--quick', '--json'], { encoding: 'utf8' });
    const result = JSON.parse(out.trim()) as {
      steps: number;
      samples: number;
      loss: number;
      differenceFromAutograd: Record<string, number>;
      deadShare: number[];
      deadForAll: number[];
    };
    assert.equal(result.steps, 20);
    assert.equal(result.samples, 60);
    assert.ok(result.loss > 0 && result.loss < Math.log(3) + 0.5, `loss ${result.loss}`);
    for (const [view, d] of Object.entries(result.differenceFromAutograd)) assert.ok(d < 1e-10, `${view} differs by ${d}`);
    assert.equal(result.deadShare.length, 2);
    for (const share of result.deadShare) assert.ok(share > 0 && share < 1, `dead share ${share}`);
  });

  it('prints the per-layer table for the tiny network without --json', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/03-backprop-views.ts', '--quick'], { encoding: 'utf8' });
    assert.match(out, /Backprop through a 2-3-2 network/);
    assert.match(out, /vectorized +differs from autograd by at most/);
  });
});
