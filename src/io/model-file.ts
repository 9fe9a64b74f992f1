/**
 * Model files: the weights as safetensors (`model.safetensors`) and the architecture as JSON
 * beside it (`model.json`), so a model loads without the code that built it. The architecture is
 * whatever JSON value the layers' `toConfig()` produced; it is only ever read with JSON.parse.
 *
 * The two files cannot be replaced in one atomic step, so the weights carry a hash of the
 * architecture in their metadata: a crash between the two writes, or a model.json copied from
 * another model, is reported on load instead of silently mixing two models.
 */
import { ConfigError, FormatError } from '../errors/index.js';
import type { Tensor } from '../tensor/index.js';
import { readFileLimited, writeFileAtomic } from './atomic-write.js';
import { decodeSafetensors, defaultMaxHeaderBytes, defaultMaxTotalBytes, encodeSafetensors } from './safetensors.js';
import { checkJsonValue, fnv1a64 } from './json-value.js';

/** Metadata key (in the safetensors file) holding the hash of the architecture JSON. */
export const architectureHashKey = 'deeptrace.architecture_fnv1a64';
const architectureFormat = 'deeptrace.architecture';
const architectureVersion = 1;

export interface ModelFileContents {
  /** Parameter and buffer tensors by name, as Module.stateDict() returns them. */
  readonly stateDict: Record<string, Tensor>;
  /** A JSON-serializable description of the architecture (from the layers' toConfig()). */
  readonly architecture: unknown;
  /** Extra strings stored in the safetensors `__metadata__`. */
  readonly metadata?: Record<string, string>;
}

export interface LoadedModelFile {
  readonly stateDict: Record<string, Tensor>;
  readonly architecture: unknown;
  readonly metadata: Record<string, string>;
}

export interface LoadModelOptions {
  /** @default 100_000_000 (as the reference implementation) */
  readonly maxHeaderBytes?: number;
  /** Largest tensor data accepted, in bytes. @default 2 ** 31 */
  readonly maxTotalBytes?: number;
  /** Largest architecture JSON file accepted, in bytes. @default 16 * 2 ** 20 */
  readonly maxArchitectureBytes?: number;
}

/** The architecture file that goes with a weights file: `model.safetensors` → `model.json`. */
export function architecturePath(modelPath: string): string {
  if (modelPath.endsWith('.json')) {
    throw new ConfigError(`model file path ${modelPath} ends in .json, which would clash with its architecture file`, {
      hint: 'name the weights file model.safetensors',
    });
  }
  return modelPath.endsWith('.safetensors') ? `${modelPath.slice(0, -'.safetensors'.length)}.json` : `${modelPath}.json`;
}

/**
 * Saves a model: the state dict to `path` (safetensors) and the architecture to
 * `architecturePath(path)`, each written atomically (temp file, fsync, rename).
 * @example
 * await saveModelFile('mlp.safetensors', { stateDict: model.stateDict(), architecture: model.toConfig() });
 */
export async function saveModelFile(path: string, contents: ModelFileContents): Promise<void> {
  const archPath = architecturePath(path);
  checkJsonValue(contents.architecture, 'architecture');
  const userMetadata = contents.metadata ?? {};
  if (Object.hasOwn(userMetadata, architectureHashKey)) {
    throw new ConfigError(`saveModelFile: metadata key ${architectureHashKey} is reserved`, { hint: 'use another key' });
  }
  const compact = JSON.stringify(contents.architecture);
  const metadata = { ...userMetadata, [architectureHashKey]: fnv1a64(compact) };
  const weights = encodeSafetensors(contents.stateDict, metadata);
  const archText = JSON.stringify(
    { format: architectureFormat, version: architectureVersion, architecture: contents.architecture },
    null,
    2,
  );
  await writeFileAtomic(archPath, new TextEncoder().encode(`${archText}\n`));
  await writeFileAtomic(path, weights);
}

/** Parses and checks the architecture file's text; nothing in it is evaluated. */
export function parseArchitectureFile(bytes: Uint8Array, source: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError(`${source}: the architecture file is not valid UTF-8`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${source}: the architecture file is not valid JSON (${(error as Error).message})`, {
      hint: 'the file is truncated or was edited by hand',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FormatError(`${source}: expected a JSON object with "format", "version" and "architecture"`);
  }
  const record = parsed as Record<string, unknown>;
  if (record['format'] !== architectureFormat) {
    throw new FormatError(`${source}: "format" must be "${architectureFormat}"`, {
      got: record['format'],
      hint: 'this JSON file was not written by saveModelFile',
    });
  }
  const version = record['version'];
  if (version !== architectureVersion) {
    throw new FormatError(`${source}: architecture format version ${String(version)} is not supported`, {
      expected: architectureVersion,
      got: version,
      hint: typeof version === 'number' && version > architectureVersion ? 'upgrade deeptrace to read this file' : 'the file is corrupt',
    });
  }
  if (!Object.hasOwn(record, 'architecture')) throw new FormatError(`${source}: the "architecture" entry is missing`);
  return record['architecture'];
}

/**
 * Loads a model saved by saveModelFile: checks the weights (see decodeSafetensors), parses the
 * architecture JSON, and checks that the two files belong together.
 * @example
 * const { stateDict, architecture } = await loadModelFile('mlp.safetensors');
 */
export async function loadModelFile(path: string, options: LoadModelOptions = {}): Promise<LoadedModelFile> {
  const archPath = architecturePath(path);
  const maxHeaderBytes = options.maxHeaderBytes ?? defaultMaxHeaderBytes;
  const maxTotalBytes = options.maxTotalBytes ?? defaultMaxTotalBytes;
  const weights = await readFileLimited(path, 8 + maxHeaderBytes + maxTotalBytes);
  const decoded = decodeSafetensors(weights, { maxHeaderBytes, maxTotalBytes, source: path });
  const architecture = parseArchitectureFile(
    await readFileLimited(archPath, options.maxArchitectureBytes ?? 16 * 2 ** 20),
    archPath,
  );
  const { [architectureHashKey]: storedHash, ...metadata } = decoded.metadata;
  if (storedHash !== undefined && storedHash !== fnv1a64(JSON.stringify(architecture))) {
    throw new FormatError(`${archPath} does not belong to ${path}: the architecture differs from the one saved with the weights`, {
      expected: storedHash,
      got: fnv1a64(JSON.stringify(architecture)),
      hint: 'a save was interrupted between the two files, or the JSON file was replaced; save the model again',
    });
  }
  return { stateDict: decoded.tensors, architecture, metadata };
}

/** Reads a bare safetensors file (weights only, e.g. exported from PyTorch), with the same checks. */
export async function readSafetensorsFile(
  path: string,
  options: Omit<LoadModelOptions, 'maxArchitectureBytes'> = {},
): Promise<{ tensors: Record<string, Tensor>; metadata: Record<string, string> }> {
  const maxHeaderBytes = options.maxHeaderBytes ?? defaultMaxHeaderBytes;
  const maxTotalBytes = options.maxTotalBytes ?? defaultMaxTotalBytes;
  const bytes = await readFileLimited(path, 8 + maxHeaderBytes + maxTotalBytes);
  return decodeSafetensors(bytes, { maxHeaderBytes, maxTotalBytes, source: path });
}
