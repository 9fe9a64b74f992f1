import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliRun } from '../helpers/cli.js';
import { runDeeptrace } from '../helpers/cli.js';

function deeptrace(...args: string[]): CliRun {
  return runDeeptrace('federate', 'simulate', ...args);
}

interface Summary {
  strategy: string;
  partition: string;
  clients: number;
  workers: number;
  final: { central: { accuracy: number; loss: number } };
  totals: { ok: number; failed: number; rejected: number };
  attackers: { nan: string[] };
  rounds: { round: number; central: { accuracy: number }; ok: number; failed: number; rejected: number }[];
}

describe('deeptrace federate simulate', () => {
  it('prints progress per round, a --json summary and a history file with per-client entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deeptrace-federate-'));
    const history = join(dir, 'history.jsonl');
    const args = ['--data', 'digits', '--clients', '6', '--rounds', '2', '--hidden', '16', '--lr', '0.3', '--partition', 'shards:2'];
    const run = deeptrace(...args, '--nan-rate', '0.17', '--strategy', 'fedmedian', '--workers', '1', '--seed', '2', '--history', history, '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /round 1\/2 {2}central acc .*clients ok \d failed \d rejected \d/);
    const summary = JSON.parse(run.stdout) as Summary;
    assert.equal(summary.strategy, 'FedMedian');
    assert.equal(summary.partition, 'shards:2');
    assert.equal(summary.workers, 1);
    assert.equal(summary.rounds.length, 2);
    assert.equal(summary.attackers.nan.length, 1);
    assert.equal(summary.totals.rejected, 2, 'the NaN client is sampled (fraction 1) and rejected in both rounds');
    assert.equal(summary.totals.ok, 10);
    assert.ok(summary.final.central.accuracy > 0.1 && summary.final.central.accuracy <= 1);
    const lines = readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; clients?: { clientId: string; phase: string; status: string; reason?: string; metrics?: Record<string, number> }[]; labelHistograms?: number[][] });
    assert.deepEqual(lines.map((l) => l.type), ['simulation', 'round', 'round', 'partition']);
    const trainEntries = lines[1]!.clients!.filter((c) => c.phase === 'train');
    assert.equal(trainEntries.length, 6);
    const nan = trainEntries.find((c) => c.clientId === summary.attackers.nan[0]);
    assert.equal(nan?.status, 'rejected');
    assert.match(nan!.reason!, /non-finite-parameter/);
    assert.ok(trainEntries.filter((c) => c.status === 'ok').every((c) => typeof c.metrics?.['accuracy'] === 'number'));
    // shards:2 gives every client exactly two classes.
    assert.ok(lines[3]!.labelHistograms!.every((h) => h.filter((n) => n > 0).length === 2));
  });

  it('refuses an unknown partition with the accepted forms', () => {
    const run = deeptrace('--data', 'digits', '--partition', 'zipf:2', '--rounds', '1', '--workers', '0');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /partition: cannot read 'zipf:2'/);
  });
});
