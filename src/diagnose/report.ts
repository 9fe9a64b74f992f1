import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lineChartPng } from '../report/line-chart-png.js';
import type { LineChartSpec, LineSeries } from '../report/line-chart.js';
import { lineChartSvg } from '../report/line-chart.js';
import type { EpochLogs } from '../train/history.js';
import type { Diagnostics } from './diagnostics.js';
import type { DiagnosticsSummary, LayerSummary } from './summary.js';
import type { DiagnosticsWarning } from './types.js';
import { summarizeDiagnostics } from './summary.js';

/** The files writeDiagnosticsReport wrote, by role. */
export interface DiagnosticsReportFiles {
  readonly report: string;
  readonly summary: string;
  /** PNG and SVG of each chart, by chart name ('gradient-norms', 'update-ratios', 'loss', 'accuracy'). */
  readonly charts: Readonly<Record<string, { png: string; svg: string }>>;
}

const layerLabel = (l: { name: string; type: string }): string => (l.name === l.type ? l.name : `${l.name} ${l.type}`);

/** Per-layer gradient norm at every recorded step (log scale): where vanishing and exploding show. */
export function gradientNormChart(diag: Diagnostics): LineChartSpec {
  const series: LineSeries[] = diag.parametrizedLayers.map((l) => ({ name: layerLabel(l), points: l.steps.map((s) => [s.step, s.gradNorm] as const) }));
  return { title: 'Gradient norm per layer', xLabel: 'step', yLabel: 'gradient L2 norm', logY: true, series };
}

export function updateRatioChart(diag: Diagnostics): LineChartSpec {
  const series: LineSeries[] = diag.parametrizedLayers.map((l) => ({ name: layerLabel(l), points: l.steps.map((s) => [s.step, s.updateRatio] as const) }));
  return { title: 'Update-to-weight ratio per layer', xLabel: 'step', yLabel: '|dw| / |w|', logY: true, series };
}

/**
 * Training and validation curves of `key` ('loss', 'accuracy'), or null when the logs lack it;
 * an overfitting warning among `warnings` is marked at the epoch it began.
 */
export function curveChart(history: readonly EpochLogs[], key: string, warnings: readonly DiagnosticsWarning[] = []): LineChartSpec | null {
  const train = history.filter((e) => Number.isFinite(e[key])).map((e) => [e.epoch, e[key]!] as const);
  if (train.length === 0) return null;
  const val = history.filter((e) => Number.isFinite(e[`val_${key}`])).map((e) => [e.epoch, e[`val_${key}`]!] as const);
  const series: LineSeries[] = [{ name: `training ${key}`, points: train, colorIndex: 0 }];
  if (val.length > 0) series.push({ name: `validation ${key}`, points: val, dashed: true, colorIndex: 1 });
  const markers = warnings.filter((w) => w.kind === 'overfitting').map((w) => ({ x: w.values['beganEpoch']!, label: `overfitting from epoch ${w.values['beganEpoch']}` }));
  return { title: `Training vs validation ${key}`, xLabel: 'epoch', yLabel: key, series, markers };
}

const cell = (v: number | null, digits = 3): string => (v === null ? '–' : Math.abs(v) >= 1e-2 && Math.abs(v) < 1e4 ? v.toFixed(digits) : v.toExponential(2));
const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

function layerTable(layers: readonly LayerSummary[]): string[] {
  return [
    '| layer | type | params | grad norm | weight norm | update/weight | act. mean | act. std | dead | saturated |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...layers.map((l) => `| ${l.name} | ${l.type} | ${l.parameters} | ${cell(l.gradNorm)} | ${cell(l.weightNorm)} | ${cell(l.updateRatio)} | ${cell(l.activationMean)} | ${cell(l.activationStd)} | ${pct(l.dead)} | ${pct(l.saturated)} |`),
  ];
}

/** The report as markdown: warnings, the per-layer table, the epochs, and the pictures. */
export function reportMarkdown(summary: DiagnosticsSummary, history: readonly EpochLogs[], charts: readonly string[], title = 'Training diagnostics'): string {
  const lines = [`# ${title}`, '', `${summary.epochs} epochs, ${summary.steps} optimizer steps.`, '', '## Warnings', ''];
  if (summary.warnings.length === 0) lines.push('None.');
  for (const w of summary.warnings) lines.push(`- **${w.kind}** (epoch ${w.epoch}${w.step === undefined ? '' : `, step ${w.step}`}): ${w.message}`);
  lines.push('', '## Layers (last epoch: means over its recorded steps; weight norm at its end)', '', ...layerTable(summary.layers), '');
  if (history.length > 0) {
    const keys = Object.keys(history[0]!).filter((k) => k !== 'epoch' && k !== 'seconds');
    lines.push('## Epochs', '', `| epoch | ${keys.join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`);
    for (const e of history) lines.push(`| ${e.epoch} | ${keys.map((k) => cell(e[k] ?? null, 4)).join(' | ')} |`);
    lines.push('');
  }
  lines.push('## Pictures', '');
  for (const name of charts) lines.push(`![${name}](${name}.png)`, '', `([SVG](${name}.svg))`, '');
  return `${lines.join('\n')}`;
}

/**
 * Writes a diagnostics report into `dir` (created if needed): report.md (warnings, a per-layer
 * table, the epoch records, the pictures), summary.json, and each chart as PNG and SVG:
 * per-layer gradient norms and update ratios over the steps, and training vs validation loss
 * (and accuracy when logged). Everything is static files, viewable without a server.
 * `history` defaults to the epoch logs the diagnostics saw.
 */
export async function writeDiagnosticsReport(dir: string, diag: Diagnostics, history: readonly EpochLogs[] = diag.history, options: { title?: string } = {}): Promise<DiagnosticsReportFiles> {
  await mkdir(dir, { recursive: true });
  const specs: [string, LineChartSpec | null][] = [
    ['gradient-norms', diag.parametrizedLayers.some((l) => l.steps.length > 0) ? gradientNormChart(diag) : null],
    ['update-ratios', diag.parametrizedLayers.some((l) => l.steps.length > 0) ? updateRatioChart(diag) : null],
    ['loss', curveChart(history, 'loss', diag.warnings)],
    ['accuracy', curveChart(history, 'accuracy', diag.warnings)],
  ];
  const charts: Record<string, { png: string; svg: string }> = {};
  for (const [name, spec] of specs) {
    if (spec === null) continue;
    const files = { png: join(dir, `${name}.png`), svg: join(dir, `${name}.svg`) };
    await writeFile(files.png, lineChartPng(spec));
    await writeFile(files.svg, lineChartSvg(spec));
    charts[name] = files;
  }
  const summary = summarizeDiagnostics(diag);
  const report = join(dir, 'report.md');
  await writeFile(report, reportMarkdown(summary, history, Object.keys(charts), options.title));
  const summaryPath = join(dir, 'summary.json');
  await writeFile(summaryPath, `${JSON.stringify({ ...summary, history }, null, 2)}\n`);
  return { report, summary: summaryPath, charts };
}
