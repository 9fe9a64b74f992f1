// Training throughput and peak memory, deeptrace against TF.js 4.22 (wasm and cpu backends):
// the MLP 784-256-128-10 (batch 128) over a full Fashion-MNIST epoch and the CNN (batch 64)
// over 5120 samples, each run in its own child process (bench/train-worker.ts).
// Environment: BENCH_QUICK=1 runs small sample counts (a smoke test, not a measurement);
// BENCH_CPU_CNN_SAMPLES sets the samples of the TF.js cpu CNN run (default 192).
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsChild } from './measure/child-runner.js';
import { machineFacts } from './measure/machine.js';
import type { ModelName, TrainResult } from './measure/train-result.js';

export const section = 'training';

interface RunSpec {
  readonly id: string;
  readonly framework: 'deeptrace' | 'tfjs';
  readonly backend: string;
  readonly model: ModelName;
  readonly samples: number;
  /** Untimed batches before the timed pass: at least `warmup`, for at least `warmupSeconds`. */
  readonly warmup: number;
  readonly warmupSeconds: number;
  /** Node flags for the child. */
  readonly nodeFlags?: readonly string[];
}

/** Node 20 runs wasm relaxed SIMD (fused multiply-add) only with this flag; Node 22+ and Chrome 114+ have it on. */
const relaxedFlag = '--experimental-wasm-relaxed-simd';

const quick = process.env['BENCH_QUICK'] === '1';
const cpuCnnSamples = Number(process.env['BENCH_CPU_CNN_SAMPLES'] ?? (quick ? 16 : 192));
const mlpSamples = quick ? 2000 : 60000;
const cnnSamples = quick ? 640 : 5120;

/**
 * Seconds of untimed training before each timed pass, the same for every framework: deeptrace's
 * MLP steps take ~250 steps (~0.8 s) to reach their steady speed while V8 compiles its JavaScript
 * (TurboFan, on background threads that share the 2 cores); TF.js runs at its speed from the
 * first batches. The cold rows time the first pass after 3 batches instead.
 */
const warmupSeconds = quick ? 0 : 2;

const specs: RunSpec[] = [
  { id: 'mlp/deeptrace', framework: 'deeptrace', backend: 'wasm', model: 'mlp', samples: mlpSamples, warmup: 3, warmupSeconds },
  { id: 'mlp/deeptrace-relaxed', framework: 'deeptrace', backend: 'wasm', model: 'mlp', samples: mlpSamples, warmup: 3, warmupSeconds, nodeFlags: [relaxedFlag] },
  { id: 'mlp/deeptrace-cold', framework: 'deeptrace', backend: 'wasm', model: 'mlp', samples: mlpSamples, warmup: 3, warmupSeconds: 0 },
  { id: 'mlp/tfjs-wasm', framework: 'tfjs', backend: 'wasm', model: 'mlp', samples: mlpSamples, warmup: 3, warmupSeconds },
  { id: 'mlp/tfjs-cpu', framework: 'tfjs', backend: 'cpu', model: 'mlp', samples: mlpSamples, warmup: 3, warmupSeconds },
  { id: 'cnn/deeptrace', framework: 'deeptrace', backend: 'wasm', model: 'cnn', samples: cnnSamples, warmup: 3, warmupSeconds },
  { id: 'cnn/deeptrace-relaxed', framework: 'deeptrace', backend: 'wasm', model: 'cnn', samples: cnnSamples, warmup: 3, warmupSeconds, nodeFlags: [relaxedFlag] },
  { id: 'cnn/deeptrace-cold', framework: 'deeptrace', backend: 'wasm', model: 'cnn', samples: cnnSamples, warmup: 3, warmupSeconds: 0 },
  { id: 'cnn/tfjs-wasm', framework: 'tfjs', backend: 'wasm', model: 'cnn', samples: cnnSamples, warmup: 3, warmupSeconds },
  // About 0.4 s per sample on 2 cores (its Conv2DBackpropFilter is a scalar loop): one untimed batch would double the run.
  { id: 'cnn/tfjs-cpu', framework: 'tfjs', backend: 'cpu', model: 'cnn', samples: cpuCnnSamples, warmup: 0, warmupSeconds: 0 },
];

export interface Comparison {
  readonly benchmark: string;
  readonly unit: string;
  readonly deeptrace: number | null;
  readonly deeptraceBackend: string;
  readonly tfjsWasm: number | null;
  readonly tfjsCpu: number | null;
  /** deeptrace / TF.js-wasm and deeptrace / TF.js-cpu. */
  readonly ratioWasm: number | null;
  readonly ratioCpu: number | null;
  readonly target: string;
  readonly met: boolean | null;
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

function compare(runs: Record<string, TrainResult | { error: string }>): Comparison[] {
  const get = (id: string): TrainResult | null => {
    const r = runs[id];
    return r !== undefined && !('error' in r) ? r : null;
  };
  const out: Comparison[] = [];
  for (const model of ['mlp', 'cnn'] as const) {
    const [dt, wasm, cpu] = [get(`${model}/deeptrace`), get(`${model}/tfjs-wasm`), get(`${model}/tfjs-cpu`)];
    const name = model === 'mlp' ? 'MLP 784-256-128-10, batch 128' : 'CNN conv32-conv64-dense128, batch 64';
    const speed = (r: TrainResult | null): number | null => (r === null ? null : round(r.samplesPerSecond, 1));
    const memory = (r: TrainResult | null): number | null => (r === null ? null : round(r.peakRssMiB, 1));
    const speedTarget = model === 'mlp' ? '>= 10x TF.js-wasm' : '>= 2000 samples/s';
    const speedMet = (r: TrainResult): boolean | null => {
      const vsWasm = ratio(speed(r), speed(wasm));
      return model === 'mlp' ? (vsWasm === null ? null : vsWasm >= 10) : r.samplesPerSecond >= 2000;
    };
    const throughput = (label: string, r: TrainResult | null, target: string, met: boolean | null): Comparison => {
      const [vsWasm, vsCpu] = [ratio(speed(r), speed(wasm)), ratio(speed(r), speed(cpu))];
      return {
        benchmark: `${name}: training throughput${label}`,
        unit: 'samples/s',
        deeptrace: speed(r),
        deeptraceBackend: r?.backend ?? '-',
        tfjsWasm: speed(wasm),
        tfjsCpu: speed(cpu),
        ratioWasm: vsWasm === null ? null : round(vsWasm),
        ratioCpu: vsCpu === null ? null : round(vsCpu),
        target,
        met,
      };
    };
    out.push(throughput('', dt, speedTarget, dt === null ? null : speedMet(dt)));
    const relaxed = get(`${model}/deeptrace-relaxed`);
    if (relaxed !== null) out.push(throughput(` with relaxed SIMD (node ${relaxedFlag})`, relaxed, speedTarget, speedMet(relaxed)));
    const cold = get(`${model}/deeptrace-cold`);
    if (cold !== null) out.push(throughput(' from a cold start (3 warm-up batches; TF.js as above)', cold, '(shown, not a target)', null));
    const mWasm = ratio(memory(dt), memory(wasm));
    out.push({
      benchmark: `${name}: peak RSS of the run`,
      unit: 'MiB',
      deeptrace: memory(dt),
      deeptraceBackend: dt?.backend ?? '-',
      tfjsWasm: memory(wasm),
      tfjsCpu: memory(cpu),
      ratioWasm: mWasm === null ? null : round(mWasm),
      ratioCpu: ratio(memory(dt), memory(cpu)) === null ? null : round(ratio(memory(dt), memory(cpu))!),
      target: '<= TF.js-wasm',
      met: mWasm === null ? null : mWasm <= 1,
    });
  }
  return out;
}

const fmt = (x: number | null): string => (x === null ? '-' : String(x));

export async function run(): Promise<Record<string, unknown>> {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = dirname(here);
  const worker = relative(root, join(here, 'train-worker.ts'));
  const runs: Record<string, TrainResult | { error: string }> = {};
  const commands: Record<string, string> = {};
  for (const spec of specs) {
    const args = [
      '--framework', spec.framework, '--backend', spec.backend, '--model', spec.model, '--samples', String(spec.samples),
      '--warmup', String(spec.warmup), '--warmup-seconds', String(spec.warmupSeconds),
    ];
    process.stdout.write(`${spec.id.padEnd(22)} ${String(spec.samples).padStart(5)} samples ... `);
    try {
      const { result, command } = await runTsChild<TrainResult>(worker, args, { cwd: root, echoStderr: false, timeoutSeconds: 1200, nodeFlags: spec.nodeFlags ?? [] });
      runs[spec.id] = result;
      commands[spec.id] = command;
      console.log(
        `${result.samplesPerSecond.toFixed(1).padStart(8)} samples/s  ${result.seconds.toFixed(1).padStart(6)} s  peak RSS ${result.peakRssMiB.toFixed(0)} MiB  ` +
          `loss ${result.firstLoss.toFixed(3)} -> ${result.finalLoss.toFixed(3)}  [${result.backendDetail}]`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runs[spec.id] = { error: message };
      commands[spec.id] = `node ${[...(spec.nodeFlags ?? []), '--import', 'tsx', worker, ...args].join(' ')}`;
      console.log(`failed\n${message}`);
    }
  }
  const comparisons = compare(runs);
  console.log('\nbenchmark | deeptrace | TF.js-wasm | TF.js-cpu | deeptrace/TF.js-wasm | deeptrace/TF.js-cpu | target | met');
  for (const c of comparisons) {
    console.log(
      `${c.benchmark} (${c.unit}) | ${fmt(c.deeptrace)} (${c.deeptraceBackend}) | ${fmt(c.tfjsWasm)} | ${fmt(c.tfjsCpu)} | ${fmt(c.ratioWasm)} | ${fmt(c.ratioCpu)} | ${c.target} | ${c.met === null ? '-' : c.met ? 'yes' : 'no'}`,
    );
  }
  return {
    machine: machineFacts(),
    quick,
    notes: [
      `Each run is a child process: load the first N Fashion-MNIST training images, build the model, train untimed warm-up batches (at least 3, for at least ${warmupSeconds} s, within one pass), then time one shuffled pass over the N samples, reading the loss after every batch.`,
      "The cold rows time deeptrace's first pass after only 3 warm-up batches: it includes V8 compiling deeptrace's JavaScript (TurboFan, on background threads that take CPU time from the two compute threads for the first ~250 MLP steps). TF.js runs at its steady speed from the first batches.",
      `The deeptrace-relaxed runs start Node with ${relaxedFlag}, so the wasm backend loads its relaxed-SIMD build (fused multiply-add in the GEMM); Node 22+ and Chrome 114+ load it without a flag. The plain deeptrace rows are the default on Node 20.`,
      'Peak RSS is process.resourceUsage().maxRSS at the end of the child: the whole process (Node, the data set, the framework).',
      "TF.js 4.22: models written with tfjs-core ops and variables (tf.fused.matMul / tf.fused.conv2d, as tfjs-layers' Dense and Conv2D), tf.train.adam(1e-3) and optimizer.minimize; its gradients registered from tfjs-core's dist/register_all_gradients.js (bench/tfjs/gradients.ts).",
      "TF.js-wasm lacks the Conv2DBackpropFilter kernel; the benchmark registers one for it built from wasm-backend ops (im2col with tf.slice/tf.concat, then tf.matMul) (bench/tfjs/backend.ts).",
      `The TF.js cpu CNN run trains ${cpuCnnSamples} samples without warm-up (its filter-gradient kernel is a scalar loop, several seconds per sample on a loaded machine).`,
    ],
    runs,
    commands,
    comparisons,
  };
}
