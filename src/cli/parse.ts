import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that turn flag text into typed values with clear errors. */
export function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected an integer, got '${value}'`);
  return n;
}

export function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${value}'`);
  return n;
}

export function integerList(value: string): number[] {
  return value.split(',').map((part) => integer(part.trim()));
}

/** Keeps only the options the user actually set (commander leaves the others undefined). */
export function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A CSV column: an integer index (negative counts from the end) or a header name. */
export function column(value: string): number | string {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}
