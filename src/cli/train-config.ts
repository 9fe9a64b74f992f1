import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { builtinModels } from './model-spec.js';
import { optimizerNames } from './optimizer-spec.js';

/** Everything `deeptrace train` can be told, from flags or a JSON config file (same names). */
export const trainConfigSchema = z
  .object({
    data: z.string().min(1).describe("'digits', 'fashion-mnist', an IDX directory or a CSV file"),
    dataDir: z.string().min(1).optional(),
    labelColumn: z.union([z.number().int(), z.string().min(1)]).optional(),
    limit: z.number().int().positive().optional(),
    model: z.string().min(1).describe(`${builtinModels.join(', ')} or an architecture .json file`),
    hidden: z.array(z.number().int().positive()).min(1).optional(),
    dropout: z.number().min(0).max(0.95).optional(),
    epochs: z.number().int().min(1).max(100000),
    batchSize: z.number().int().min(1).max(1 << 20),
    lr: z.number().positive().max(10),
    optimizer: z.enum(optimizerNames as [string, ...string[]]),
    weightDecay: z.number().min(0).max(1).optional(),
    schedule: z.enum(['none', 'cosine', 'step']),
    validationSplit: z.number().min(0).max(0.5),
    patience: z.number().int().min(1).optional(),
    seed: z.number().int(),
    out: z.string().min(1),
    log: z.string().min(1).optional(),
    backend: z.string().min(1).optional(),
    threads: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export type TrainConfig = z.infer<typeof trainConfigSchema>;

/** The defaults: the main job on the embedded digits. Other data sets and models adjust them in `recipeDefaults`. */
export const baseDefaults: Omit<TrainConfig, 'data' | 'model'> = {
  epochs: 30,
  batchSize: 32,
  lr: 0.001,
  optimizer: 'adam',
  schedule: 'cosine',
  validationSplit: 0.1,
  seed: 0,
  out: 'runs/model.safetensors',
};

/** Defaults that suit a data set and model (flags and config files override them). */
export function recipeDefaults(data: string, model: string): Partial<TrainConfig> {
  if (data === 'fashion-mnist' && model === 'cnn') return { epochs: 8, batchSize: 64, lr: 0.001 };
  if (data === 'fashion-mnist') return { epochs: 10, batchSize: 128, lr: 0.001, hidden: [256, 128] };
  if (model === 'lstm') return { epochs: 20, batchSize: 32, lr: 0.003 };
  if (model === 'mlp') return { lr: 0.003, dropout: 0.2 };
  return {};
}

/** Formats zod issues as one line each, naming the field: `epochs: Too small: expected number to be >=1`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(config)'}: ${issue.message}`).join('\n');
}

/** Validates a merged configuration, throwing a ConfigError that names each bad field. */
export function validateTrainConfig(value: unknown, source: string): TrainConfig {
  const result = trainConfigSchema.safeParse(value);
  if (!result.success) throw new ConfigError(`invalid training configuration (${source}):\n${describeIssues(result.error)}`);
  return result.data;
}

/** Validates a config file's contents: every field optional, unknown fields refused. */
export function validateConfigFile(value: unknown, path: string): Partial<TrainConfig> {
  const result = trainConfigSchema.partial().strict().safeParse(value);
  if (!result.success) throw new ConfigError(`invalid config file ${path}:\n${describeIssues(result.error)}`);
  return result.data as Partial<TrainConfig>;
}
