// bench/RESULTS.md from bench/results.json: the training table (throughput and peak memory
// against TF.js), the sgemm table when that benchmark has run, machine facts and commands.
import { writeFileSync } from 'node:fs';
import { machineFacts } from './machine.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (v === null || v === undefined ? '-' : typeof v === 'number' ? String(v) : String(v));

function machineLines(machine: unknown): string[] {
  const m = isRecord(machine) ? machine : (machineFacts() as unknown as Json);
  const ram = typeof m['ramGiB'] === 'number' ? `, ${m['ramGiB']} GiB RAM` : '';
  return [`- CPU: ${text(m['cpu'])}, ${text(m['cores'])} logical cores${ram}`, `- Node ${text(m['node'])} (${text(m['platform'])}), run ${text(m['date'])}`];
}

function trainingSection(training: Json): string[] {
  const lines = ['## Training (Fashion-MNIST)', ''];
  if (training['quick'] === true) lines.push('**Quick mode (BENCH_QUICK=1): small sample counts, a smoke test, not a measurement.**', '');
  lines.push(...machineLines(training['machine']), '');
  lines.push('| benchmark | deeptrace (backend) | TF.js-wasm | TF.js-cpu | deeptrace / TF.js-wasm | deeptrace / TF.js-cpu | target | met? |');
  lines.push('|---|---|---|---|---|---|---|---|');
  const comparisons = Array.isArray(training['comparisons']) ? training['comparisons'] : [];
  for (const c of comparisons) {
    if (!isRecord(c)) continue;
    const met = c['met'] === null ? '-' : c['met'] === true ? 'yes' : '**no**';
    lines.push(
      `| ${text(c['benchmark'])} (${text(c['unit'])}) | ${text(c['deeptrace'])} (${text(c['deeptraceBackend'])}) | ${text(c['tfjsWasm'])} | ${text(c['tfjsCpu'])} | ${text(c['ratioWasm'])} | ${text(c['ratioCpu'])} | ${text(c['target'])} | ${met} |`,
    );
  }
  lines.push('', '| run | samples | seconds | samples/s | peak RSS (MiB) | loss first -> last | backend |', '|---|---|---|---|---|---|---|');
  const runs = isRecord(training['runs']) ? training['runs'] : {};
  for (const [id, r] of Object.entries(runs)) {
    if (!isRecord(r)) continue;
    if (typeof r['error'] === 'string') {
      lines.push(`| ${id} | - | - | failed | - | - | ${r['error'].split('\n')[0]} |`);
      continue;
    }
    const n = (k: string, d: number): string => (typeof r[k] === 'number' ? (r[k] as number).toFixed(d) : '-');
    lines.push(`| ${id} | ${n('samples', 0)} | ${n('seconds', 1)} | ${n('samplesPerSecond', 1)} | ${n('peakRssMiB', 1)} | ${n('firstLoss', 3)} -> ${n('finalLoss', 3)} | ${text(r['backendDetail'])} |`);
  }
  const notes = Array.isArray(training['notes']) ? training['notes'] : [];
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${text(n)}`));
  const commands = isRecord(training['commands']) ? training['commands'] : {};
  if (Object.keys(commands).length > 0) {
    lines.push('', 'Each run alone (from the repository root):', '', '```', ...Object.values(commands).map(text), '```');
  }
  return lines;
}

function sgemmSection(sgemm: Json): string[] {
  const gflops = isRecord(sgemm['gflops']) ? sgemm['gflops'] : null;
  if (gflops === null) return [];
  const engines = Object.entries(gflops).filter((e): e is [string, Json] => isRecord(e[1]));
  const sizes = [...new Set(engines.flatMap(([, v]) => Object.keys(v)))].sort((a, b) => Number(a) - Number(b));
  const lines = ['## SGEMM', '', ...machineLines(sgemm['machine'])];
  if (typeof sgemm['unit'] === 'string') lines.push(`- ${sgemm['unit']}`);
  lines.push('', `| engine | ${sizes.map((s) => `n = ${s}`).join(' | ')} |`, `|---|${sizes.map(() => '---').join('|')}|`);
  for (const [engine, values] of engines) lines.push(`| ${engine} | ${sizes.map((s) => text(values[s])).join(' | ')} |`);
  return lines;
}

/** Writes `path` (bench/RESULTS.md) from the merged results of every benchmark that has run. */
export function writeResultsMarkdown(results: Readonly<Record<string, unknown>>, path: string): void {
  const lines = ['# deeptrace benchmarks', '', 'Command: `npm run bench` (runs every `bench/*.bench.ts`; `npm run bench -- train` or `-- sgemm` runs one). Written by bench/run.ts from bench/results.json.', ''];
  const training = results['training'];
  if (isRecord(training)) lines.push(...trainingSection(training), '');
  const sgemm = results['sgemm'];
  if (isRecord(sgemm)) lines.push(...sgemmSection(sgemm), '');
  writeFileSync(path, `${lines.join('\n').trimEnd()}\n`);
}
