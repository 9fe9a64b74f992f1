import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { attributionMethodNames } from '../../../src/explain/index.js';

describe('examples/09-explain-table.ts', () => {
  it('--quick trains a small Fashion-MNIST CNN and prints the comparison and sanity tables for every method', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deeptrace-ex09-'));
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/09-explain-table.ts', '--quick', '--out', dir], { encoding: 'utf8' });
      const rows = out.split('\n').filter((l) => l.startsWith('| '));
      for (const name of attributionMethodNames()) {
        const row = rows.find((l) => l.startsWith(`| ${name} | 0.`));
        assert.ok(row !== undefined, `no comparison row for ${name}:\n${out}`);
        const auc = Number(row.split('|')[2]);
        assert.ok(auc >= 0 && auc <= 1, `${name} deletion AUC ${auc}`);
      }
      assert.match(out, /\| random order \| 0\.\d{3} \| 0\.\d{3} \|/);
      assert.match(out, /\| integratedGradients \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d\.\d\de-\d \|/);
      assert.match(out, /sanity check/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
