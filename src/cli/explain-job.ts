import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noGrad } from '../autograd/index.js';
import { ConfigError, DeeptraceError } from '../errors/index.js';
import { attributionMethodNames, explainWith } from '../explain/index.js';
import type { AttributionResult } from '../explain/index.js';
import { colorize, factorFor, grayscale, overlay, toMap2d, upscale } from '../report/heatmap.js';
import type { RgbaImage } from '../report/heatmap.js';
import { heatmapGrid } from '../report/heatmap-grid.js';
import { decodePng, encodePng, toGrayMap } from '../report/heatmap-png.js';
import { tensor } from '../tensor/index.js';
import type { Tensor } from '../tensor/index.js';
import { loadDataSource } from './data-source.js';
import type { DataSource } from './data-source.js';
import { loadModel } from './load-model.js';

/** What `deeptrace explain` was asked to do. */
export interface ExplainJob {
  readonly model: string;
  /** A test-set index, or a PNG file. */
  readonly input: string;
  /** Method names; 'all' runs every registered method. */
  readonly methods: readonly string[];
  readonly reference?: 'zeros' | 'blur' | 'uniform' | 'mean';
  readonly target?: number;
  /** Integrated-gradients steps and SmoothGrad samples. */
  readonly steps?: number;
  readonly out: string;
  readonly grid: boolean;
  readonly data?: string;
  readonly dataDir?: string;
  /** Size in pixels of the longer side of each written picture (nearest-neighbour upscaling). @default 224 */
  readonly size?: number;
}

export interface MethodSummary {
  readonly method: string;
  readonly seconds: number;
  readonly files: { readonly map: string; readonly overlay: string };
  readonly statistics: { readonly min: number; readonly max: number; readonly sum: number; readonly sumAbs: number; readonly positiveFraction: number };
  /** Integrated Gradients: relative completeness error. */
  readonly completenessGap?: number;
  /** LRP: Σ relevance at the input / f(x). */
  readonly conservationRatio?: number;
  readonly note?: string;
}

/** The JSON object `deeptrace explain --json` ends with. */
export interface ExplainSummary {
  readonly model: string;
  readonly input: string;
  readonly label?: number;
  readonly predicted: { readonly class: number; readonly name: string; readonly probability: number };
  readonly target: number;
  readonly files: { readonly input: string; readonly grid?: string };
  readonly methods: readonly MethodSummary[];
  /** With --method all: the methods that do not apply to this model (Grad-CAM without convolutions, ...), with the reason. */
  readonly skipped: readonly { readonly method: string; readonly reason: string }[];
}

function readInput(job: ExplainJob, source: () => DataSource, inputShape: readonly number[]): { x: Tensor; label?: number } {
  if (/^\d+$/.test(job.input)) {
    const index = Number(job.input);
    const test = source().test;
    if (index >= test.length) throw new ConfigError(`explain: --input ${index} is outside the test part (0..${test.length - 1})`);
    const batch = test.getBatch?.([index]);
    if (batch === undefined) throw new ConfigError('explain: this data set cannot be indexed');
    return { x: batch.input, label: batch.target.values()[0]! };
  }
  if (!job.input.toLowerCase().endsWith('.png')) {
    throw new ConfigError(`explain: --input must be a test-set index or a .png file, got '${job.input}'`, { hint: '--input 0, or --input digit.png' });
  }
  if (inputShape.length !== 3 || inputShape[0] !== 1) {
    throw new ConfigError(`explain: a PNG input needs a model of grayscale images [1, H, W]; this one takes [${inputShape.join(', ')}]`);
  }
  const gray = toGrayMap(decodePng(readFileSync(job.input), job.input), inputShape[1]!, inputShape[2]!);
  return { x: tensor(Float32Array.from(gray.values), { shape: [1, ...inputShape] }) };
}

function methodOptions(job: ExplainJob, name: string, target: number, source: () => DataSource): Record<string, unknown> {
  const options: Record<string, unknown> = { target };
  if (name === 'integratedGradients') {
    if (job.steps !== undefined) options['steps'] = job.steps;
    if (job.reference !== undefined) options['reference'] = job.reference;
    if (job.reference === 'mean') {
      const train = source().train;
      const all = train.getBatch?.(Array.from({ length: train.length }, (_, i) => i));
      if (all === undefined) throw new ConfigError("explain: --reference mean needs a data set that can be indexed");
      options['mean'] = all.input.mean(0);
    }
  }
  if (name === 'smoothGrad' && job.steps !== undefined) options['samples'] = job.steps;
  return options;
}

function statistics(t: Tensor): MethodSummary['statistics'] {
  const v = t.values();
  let [min, max, sum, sumAbs, positive] = [Infinity, -Infinity, 0, 0, 0];
  for (const x of v) [min, max, sum, sumAbs, positive] = [Math.min(min, x), Math.max(max, x), sum + x, sumAbs + Math.abs(x), positive + (x > 0 ? 1 : 0)];
  return { min, max, sum, sumAbs, positiveFraction: positive / v.length };
}

/** Runs the methods on one input and writes input.png, the maps and overlays (and grid.png). */
export async function runExplainJob(job: ExplainJob): Promise<ExplainSummary> {
  const { model, data: trainedOn, inputShape } = await loadModel(job.model);
  let cached: DataSource | undefined;
  const source = (): DataSource => (cached ??= loadDataSource(job.data ?? trainedOn ?? 'digits', job.dataDir === undefined ? {} : { dir: job.dataDir }));
  const { x, label } = readInput(job, source, inputShape ?? source().inputShape);
  const names = job.methods.includes('all') ? attributionMethodNames() : [...job.methods];
  const probabilities = noGrad(() => model.call(x).softmax(-1)).values();
  let predicted = 0;
  probabilities.forEach((p, c) => (predicted = p > probabilities[predicted]! ? c : predicted));
  const target = job.target ?? predicted;
  if (!Number.isInteger(target) || target < 0 || target >= probabilities.length) throw new ConfigError(`explain: --target ${target} is out of range for ${probabilities.length} classes`);
  const classNames = cached?.classNames;
  mkdirSync(job.out, { recursive: true });
  const inputMap = toMap2d(x);
  const base = grayscale(inputMap, [0, 1]);
  const factor = factorFor(base, job.size ?? 224);
  const write = (name: string, image: RgbaImage): string => {
    const path = join(job.out, name);
    writeFileSync(path, encodePng(upscale(image, factor)));
    return path;
  };
  const inputPath = write('input.png', base);
  const single = names.length === 1;
  const tiles: { map: RgbaImage; overlay: RgbaImage }[] = [];
  const skipped: { method: string; reason: string }[] = [];
  const attempt = (method: string): AttributionResult | undefined => {
    try {
      return explainWith(method, model, x, methodOptions(job, method, target, source));
    } catch (error) {
      if (!job.methods.includes('all') || !(error instanceof DeeptraceError)) throw error;
      skipped.push({ method, reason: error.message });
      return undefined;
    }
  };
  const methods = names.flatMap((method): MethodSummary[] => {
    const started = performance.now();
    const result = attempt(method);
    if (result === undefined) return [];
    const seconds = (performance.now() - started) / 1000;
    const map = toMap2d(result.attribution);
    // Scale by the 99th percentile of |relevance| so that a few extreme pixels do not wash out the rest.
    const colored = colorize(map, { percentile: 99 }).image;
    const over = overlay(base, map, { percentile: 99 });
    tiles.push({ map: colored, overlay: over });
    const files = { map: write(single ? 'map.png' : `map-${method}.png`, colored), overlay: write(single ? 'overlay.png' : `overlay-${method}.png`, over) };
    const gap = result.extras.completenessGap?.[0];
    const layers = result.extras.conservation ?? [];
    const atInput = layers.find((l) => l.name === 'input') ?? layers[layers.length - 1];
    return [{
      method,
      seconds,
      files,
      statistics: statistics(result.attribution),
      ...(gap === undefined ? {} : { completenessGap: gap }),
      ...(atInput === undefined ? {} : { conservationRatio: atInput.ratio[0]! }),
      ...(result.extras.note === undefined ? {} : { note: result.extras.note }),
    }];
  });
  const shown = methods.map((m) => m.method);
  let gridPath: string | undefined;
  if (job.grid || shown.length > 1) {
    const up = (img: RgbaImage): RgbaImage => upscale(img, factorFor(img, 112));
    const grid = heatmapGrid(
      [
        [up(base), ...tiles.map((t) => up(t.map))],
        [up(base), ...tiles.map((t) => up(t.overlay))],
      ],
      { columnLabels: ['input', ...shown], rowLabels: ['map', 'overlay'], fontScale: 1 },
    );
    gridPath = join(job.out, 'grid.png');
    writeFileSync(gridPath, encodePng(grid));
  }
  return {
    model: job.model,
    input: job.input,
    ...(label === undefined ? {} : { label }),
    predicted: { class: predicted, name: classNames?.[predicted] ?? String(predicted), probability: probabilities[predicted]! },
    target,
    files: { input: inputPath, ...(gridPath === undefined ? {} : { grid: gridPath }) },
    methods,
    skipped,
  };
}
