import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultPlan, loadSimulationDataset, simulate, simulationModel, strategyFromName } from '../../../src/federated/simulation/index.js';
import type { FaultOptions, SimulationResult } from '../../../src/federated/simulation/index.js';

const { train, test } = loadSimulationDataset('digits');

function run(workers: number, options: { seed?: number; faults?: FaultOptions; rounds?: number } = {}): Promise<SimulationResult> {
  const seed = options.seed ?? 5;
  return simulate({
    train,
    test,
    model: simulationModel('mlp', train, [16], seed),
    strategy: strategyFromName('fedavg', { clients: 8, fraction: 0.5, lr: 0.3, localEpochs: 2 }),
    clients: 8,
    rounds: options.rounds ?? 2,
    partition: { kind: 'dirichlet', alpha: 0.5 },
    seed,
    workers,
    faults: options.faults ?? {},
  });
}

const fingerprint = (r: SimulationResult): unknown => ({
  central: r.rounds.map((s) => s.central),
  federated: r.rounds.map((s) => s.federated),
  clients: r.rounds.map((s) => s.clients),
  parameters: r.history.parameters.map((a) => [...a.data]),
});

describe('simulate on worker threads', () => {
  it('is deterministic from the seed: two runs on 2 workers and one on the calling thread agree exactly', async () => {
    const a = await run(2);
    const b = await run(2);
    const local = await run(0);
    assert.equal(a.workers, 2);
    assert.equal(local.workers, 0);
    assert.deepEqual(fingerprint(a), fingerprint(b));
    assert.deepEqual(fingerprint(a), fingerprint(local));
    assert.notDeepEqual(fingerprint(a), fingerprint(await run(0, { seed: 6 })));
    // Training did something: the global model changed and accuracy is above chance (10 %).
    assert.ok(a.rounds[1]!.central['accuracy']! > 0.2, `accuracy ${a.rounds[1]!.central['accuracy']}`);
    assert.equal(a.rounds[0]!.sampled, 4);
    assert.equal(a.labelHistograms.flat().reduce((s, n) => s + n, 0), train.labels.length);
  });

  it('rejects and reports NaN updates, reports dropped and straggling clients, and never averages them in', async () => {
    const faults: FaultOptions = { nanRate: 0.25, dropoutRate: 0.25, stragglerRate: 0.15 };
    const result = await run(2, { faults, rounds: 3 });
    const plan = new FaultPlan(8, faults, 5);
    const nanIds = result.attackers.nan;
    assert.equal(nanIds.length, 2);
    let seenNan = 0;
    let seenDrop = 0;
    for (const summary of result.rounds) {
      for (const entry of summary.clients.filter((e) => e.phase === 'train')) {
        const index = Number(entry.clientId.slice('client-'.length));
        const fault = plan.faultOf(summary.round, index);
        if (fault.delivery === 'dropout') {
          seenDrop++;
          assert.equal(entry.status, 'failed');
          assert.equal(entry.fault, 'dropout');
          assert.match(entry.reason!, /^unavailable: dropped out mid-round/);
        } else if (fault.delivery === 'straggler') {
          assert.equal(entry.status, 'failed');
          assert.match(entry.reason!, /^timeout: /);
        } else if (nanIds.includes(entry.clientId)) {
          seenNan++;
          assert.equal(entry.status, 'rejected');
          assert.equal(entry.attack, 'nan');
          assert.match(entry.reason!, /^non-finite-parameter: .* is NaN/);
        } else {
          assert.equal(entry.status, 'ok', `${entry.clientId} in round ${summary.round}: ${entry.reason}`);
        }
      }
      assert.equal(summary.ok + summary.failed + summary.rejected, summary.sampled);
      for (const [key, value] of Object.entries(summary.central)) assert.ok(Number.isFinite(value), `central ${key} = ${value}`);
    }
    assert.ok(seenNan > 0 && seenDrop > 0, `the seed should exercise both faults (NaN ${seenNan}, dropout ${seenDrop})`);
    for (const a of result.history.parameters) assert.ok(a.data.every((x) => Number.isFinite(x)), `${a.name} holds a non-finite value`);
  });
});
