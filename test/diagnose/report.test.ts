import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { attachDiagnostics } from '../../src/diagnose/diagnostics.js';
import { curveChart, writeDiagnosticsReport } from '../../src/diagnose/report.js';
import { Linear, ReLU, Sequential, mseLoss } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { manualSeed, randn } from '../../src/tensor/index.js';
import { lineChartSvg } from '../../src/report/line-chart.js';
import type { EpochLogs } from '../../src/train/history.js';

const logs: EpochLogs[] = [
  [1.0, 0.9],
  [0.8, 0.6],
  [0.6, 0.5],
  [0.4, 0.55],
  [0.3, 0.7],
].map(([loss, val], i) => ({ epoch: i + 1, loss: loss!, val_loss: val!, lr: 0.1, seconds: 0.5 }));

describe('diagnose/report', () => {
  it('curves: training solid, validation dashed, the overfitting epoch marked', () => {
    const spec = curveChart(logs, 'loss', [{ kind: 'overfitting', epoch: 5, message: '', values: { beganEpoch: 4 } }])!;
    assert.deepEqual(spec.series.map((s) => [s.name, s.dashed ?? false, s.points.length]), [['training loss', false, 5], ['validation loss', true, 5]]);
    assert.deepEqual(spec.markers, [{ x: 4, label: 'overfitting from epoch 4' }]);
    assert.ok(lineChartSvg(spec).includes('overfitting from epoch 4'));
    assert.equal(curveChart(logs, 'accuracy'), null);
  });

  it('writes report.md, summary.json and PNG/SVG charts; the overfitting warning from the logs is in the report', async () => {
    manualSeed(0);
    const model = new Sequential([new Linear(3, 4), new ReLU(), new Linear(4, 1)]);
    const diag = attachDiagnostics(model);
    const opt = new SGD(model.parameters(), { lr: 0.01 });
    for (const e of logs) {
      for (let s = 0; s < 2; s++) {
        const loss = mseLoss(model.call(randn([8, 3])), randn([8, 1]));
        opt.zeroGrad();
        loss.backward();
        opt.step();
        diag.step(e.epoch);
      }
      diag.endEpoch(e);
    }
    const dir = mkdtempSync(join(tmpdir(), 'deeptrace-report-'));
    try {
      const files = await writeDiagnosticsReport(dir, diag);
      assert.deepEqual(Object.keys(files.charts), ['gradient-norms', 'update-ratios', 'loss']);
      for (const f of Object.values(files.charts)) assert.ok(existsSync(f.png) && existsSync(f.svg));
      const md = readFileSync(files.report, 'utf8');
      assert.match(md, /\*\*overfitting\*\* \(epoch 5\): .*since epoch 4/);
      assert.match(md, /\| 0 \| Linear \| 16 \|/);
      const summary = JSON.parse(readFileSync(files.summary, 'utf8')) as { steps: number; epochs: number; history: unknown[] };
      assert.equal(summary.steps, 10);
      assert.equal(summary.epochs, 5);
      assert.equal(summary.history.length, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
