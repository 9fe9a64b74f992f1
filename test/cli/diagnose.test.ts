import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDeeptrace as deeptrace } from '../helpers/cli.js';

describe('deeptrace diagnose', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeptrace-diagnose-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json trains with diagnostics, writes the report and pictures, and ends with the summary', () => {
    const out = join(dir, 'report');
    // A vanishing ratio of 0.99 makes the check fire on any net whose first layer has the smaller gradient.
    const run = deeptrace('diagnose', '--epochs', '2', '--hidden', '64,32', '--every', '2', '--out', out, '--vanishing-ratio', '0.99', '--json');
    assert.equal(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      steps: number;
      epochs: number;
      warnings: { kind: string; message: string }[];
      layers: { name: string; type: string; gradNorm: number | null; dead: number | null }[];
      files: { report: string; charts: Record<string, { png: string; svg: string }> };
    };
    assert.equal(summary.epochs, 2);
    assert.deepEqual(summary.layers.map((l) => l.type), ['Flatten', 'Linear', 'ReLU', 'Linear', 'ReLU', 'Linear']);
    assert.ok(summary.layers.filter((l) => l.type === 'Linear').every((l) => l.gradNorm !== null && l.gradNorm > 0));
    assert.ok(summary.layers.filter((l) => l.type === 'ReLU').every((l) => l.dead !== null && l.dead >= 0 && l.dead < 1));
    assert.ok(summary.warnings.some((w) => w.kind === 'vanishing'), JSON.stringify(summary.warnings));
    assert.ok(run.stderr.includes('warning: vanishing gradients'), 'warnings are printed as found');
    for (const name of ['gradient-norms', 'update-ratios', 'loss', 'accuracy']) {
      const files = summary.files.charts[name]!;
      assert.ok(existsSync(files.png) && existsSync(files.svg), name);
      assert.deepEqual([...readFileSync(files.png).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    }
    const md = readFileSync(summary.files.report, 'utf8');
    assert.ok(md.includes('| layer | type | params | grad norm |'));
    assert.ok(md.includes('![gradient-norms](gradient-norms.png)'));
  });

  it('rejects a threshold out of range with a message naming it', () => {
    const run = deeptrace('diagnose', '--epochs', '1', '--out', join(dir, 'bad'), '--dead-fraction', '1.5');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /deadFraction must be a number in \[0, 1\), got 1\.5/);
  });
});
