// Runs the benchmarks: every bench/*.bench.ts exports `section` and `run()`; each result is
// written to bench/results.json under its section, with the machine it ran on.
// Usage: npm run bench [-- <name filter>...]
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeResultsMarkdown } from './measure/results-markdown.js';

interface BenchModule {
  readonly section: string;
  run(): Promise<unknown>;
}

function isBenchModule(value: unknown): value is BenchModule {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['section'] === 'string' && typeof record['run'] === 'function';
}

/** CPU model, core count and Node version, for the record. */
export function machineFacts(): Record<string, string | number> {
  let cpu = cpus()[0]?.model ?? 'unknown';
  if (existsSync('/proc/cpuinfo')) {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) cpu = line.split(':')[1]!.trim();
  }
  return { cpu, cores: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() };
}

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = join(here, 'results.json');
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((pattern) => f.includes(pattern)))
  .sort();

const results: Record<string, unknown> = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>) : {};
for (const file of files) {
  const module: unknown = await import(pathToFileURL(join(here, file)).href);
  if (!isBenchModule(module)) {
    console.error(`bench: ${file} does not export 'section' and 'run()'; skipped`);
    continue;
  }
  console.log(`\n== ${file} ==`);
  results[module.section] = { machine: machineFacts(), ...(await module.run()) as Record<string, unknown> };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
writeResultsMarkdown(results, join(here, 'RESULTS.md'));
console.log(`\nbench: results in ${resultsPath} and ${join(here, 'RESULTS.md')}`);
