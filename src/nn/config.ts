import { ConfigError } from '../errors/index.js';
import type { LayerConfig } from './module.js';

/**
 * Reads and validates the fields of one layer's JSON config. Every error names the layer
 * type, the field, what was expected and what was found, so a hand-edited architecture file
 * fails with a message that points at the mistake.
 *
 * @example
 * const r = new ConfigReader(config, 'Linear');
 * new Linear(r.int('inFeatures', 1), r.int('outFeatures', 1), { bias: r.bool('bias', true) });
 */
export class ConfigReader {
  constructor(
    readonly config: Readonly<Record<string, unknown>>,
    readonly type: string,
    /** Where this config sits in a nested model, for messages (`layers[2]`). */
    readonly path = '',
  ) {}

  private fail(field: string, expected: string, got: unknown): never {
    const where = this.path === '' ? '' : ` at ${this.path}`;
    throw new ConfigError(`layerFromConfig: ${this.type}${where}: field '${field}' must be ${expected}, got ${describe(got)}`, {
      expected,
      got,
    });
  }

  /** The raw value of `field` (undefined when absent). */
  raw(field: string): unknown {
    return this.config[field];
  }

  /** An integer >= `min`; `fallback` when the field is absent (required when no fallback is given). */
  int(field: string, min: number, fallback?: number): number {
    const v = this.config[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(field, `an integer >= ${min}`, v);
    return v;
  }

  /** A finite number in [min, max]. */
  number(field: string, min: number, max: number, fallback?: number): number {
    const v = this.config[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) this.fail(field, `a number in [${min}, ${max}]`, v);
    return v;
  }

  bool(field: string, fallback?: boolean): boolean {
    const v = this.config[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(field, 'true or false', v);
    return v;
  }

  /** One of the listed strings. */
  oneOf<T extends string>(field: string, choices: readonly T[], fallback?: T): T {
    const v = this.config[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.fail(field, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, v);
    }
    return v as T;
  }

  /** An integer >= min, or a pair [h, w] of them. */
  pair(field: string, min: number, fallback?: number | [number, number]): number | [number, number] {
    const v = this.config[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min)) {
      return [v[0] as number, v[1] as number];
    }
    return this.fail(field, `an integer >= ${min} or a pair [h, w] of them`, v);
  }

  /** A non-empty array of integers >= min. */
  intArray(field: string, min: number): number[] {
    const v = this.config[field];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min)) {
      this.fail(field, `a non-empty array of integers >= ${min}`, v);
    }
    return v as number[];
  }

  /** An integer >= min, or null / absent. */
  optionalInt(field: string, min: number): number | null {
    const v = this.config[field];
    if (v === undefined || v === null) return null;
    return this.int(field, min);
  }

  /** A nested layer config (an object with a string `type`). */
  layer(field: string): LayerConfig {
    const v = this.config[field];
    if (!isLayerConfig(v)) this.fail(field, "a layer config object with a string 'type'", v);
    return v;
  }

  /** An array of nested layer configs. */
  layers(field: string): LayerConfig[] {
    const v = this.config[field];
    if (!Array.isArray(v)) this.fail(field, 'an array of layer configs', v);
    v.forEach((item, i) => {
      if (!isLayerConfig(item)) this.fail(`${field}[${i}]`, "a layer config object with a string 'type'", item);
    });
    return v as LayerConfig[];
  }
}

export function isLayerConfig(value: unknown): value is LayerConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
