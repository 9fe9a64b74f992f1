import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('examples/10-shattered-gradients.ts', () => {
  it('--quick prints lag-1 correlation against depth per architecture and writes the SVG chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deeptrace-ex10-'));
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/10-shattered-gradients.ts', '--quick', '--out', dir], { encoding: 'utf8' });
      const lag1 = (name: string): number[] => {
        const row = out.split('\n').find((l) => l.startsWith(`| ${name} | `) && l.includes('±'));
        assert.ok(row !== undefined, out);
        return row.split('|').slice(2, -1).map((cell) => Number(cell.split('±')[0]));
      };
      const [shallow, deep] = lag1('plain-bn');
      assert.ok(shallow! > 0.85 && Math.abs(deep!) < 0.2, `plain-bn ${shallow} → ${deep}`);
      assert.ok(lag1('residual-bn')[1]! > deep! + 0.3);
      const svg = join(dir, 'shattered-gradients.svg');
      assert.ok(existsSync(svg));
      assert.match(readFileSync(svg, 'utf8'), /<\/svg>$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
