import { Command, Option } from 'commander';
import { setBackend } from '../../backend/index.js';
import { runExplainJob } from '../explain-job.js';
import type { ExplainJob } from '../explain-job.js';
import { createOutput } from '../output.js';
import { integer } from '../parse.js';

interface ExplainFlags {
  readonly model: string;
  readonly input: string;
  readonly method: string;
  readonly reference?: ExplainJob['reference'];
  readonly target?: number;
  readonly steps?: number;
  readonly out: string;
  readonly grid?: boolean;
  readonly data?: string;
  readonly dataDir?: string;
  readonly size?: number;
  readonly backend?: string;
  readonly json?: boolean;
}

export function explainCommand(): Command {
  return new Command('explain')
    .description('explain a prediction: attribution heatmaps as PNG (input, map, overlay) and a grid comparing methods')
    .requiredOption('--model <path>', 'a model file written by deeptrace train (.safetensors)')
    .requiredOption('--input <index|file.png>', 'a test-set index, or a PNG image (grayscale, resized to the model input)')
    .option('--method <names>', "attribution method(s), comma-separated, or 'all' (saliency, gradientXInput, integratedGradients, smoothGrad, occlusion, gradCam, lrp-epsilon, ...)", 'integratedGradients')
    .addOption(new Option('--reference <kind>', 'reference input of integrated gradients').choices(['zeros', 'blur', 'uniform', 'mean']))
    .option('--target <class>', 'class to explain (default: the predicted class)', integer)
    .option('--steps <n>', 'integration steps (integratedGradients) or noise samples (smoothGrad)', integer)
    .option('--out <dir>', 'where the PNG files go', 'runs/explain')
    .option('--grid', 'also write grid.png comparing the methods (always with several methods)')
    .option('--data <name>', 'data set whose test part --input indexes (default: the one the model was trained on)')
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are')
    .option('--size <pixels>', 'longer side of each written picture', integer)
    .option('--backend <name>', 'js or wasm')
    .option('--json', 'end the output with one JSON object')
    .action(async (flags: ExplainFlags) => {
      const out = createOutput(flags.json ?? false);
      if (flags.backend !== undefined) setBackend(flags.backend);
      const summary = await runExplainJob({
        model: flags.model,
        input: flags.input,
        methods: flags.method.split(',').map((m) => m.trim()),
        out: flags.out,
        grid: flags.grid ?? false,
        ...(flags.reference === undefined ? {} : { reference: flags.reference }),
        ...(flags.target === undefined ? {} : { target: flags.target }),
        ...(flags.steps === undefined ? {} : { steps: flags.steps }),
        ...(flags.data === undefined ? {} : { data: flags.data }),
        ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
        ...(flags.size === undefined ? {} : { size: flags.size }),
      });
      out.result(summary, () =>
        [
          `input ${summary.input}${summary.label === undefined ? '' : ` (true class ${summary.label})`}: predicted ${summary.predicted.name} (${(summary.predicted.probability * 100).toFixed(1)}%), explaining class ${summary.target}`,
          ...summary.methods.map(
            (m) =>
              `${m.method}: ${(m.seconds * 1000).toFixed(1)} ms, sum ${m.statistics.sum.toPrecision(4)}${m.completenessGap === undefined ? '' : `, completeness gap ${m.completenessGap.toExponential(2)}`}${m.conservationRatio === undefined ? '' : `, relevance at input / f(x) ${m.conservationRatio.toFixed(4)}`} → ${m.files.map}, ${m.files.overlay}`,
          ),
          ...summary.skipped.map((m) => `${m.method}: skipped (${m.reason})`),
          `input → ${summary.files.input}${summary.files.grid === undefined ? '' : `; grid → ${summary.files.grid}`}`,
        ].join('\n'),
      );
    });
}
