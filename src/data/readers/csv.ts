import { ConfigError, FormatError } from '../../errors/index.js';
import { Tensor } from '../../tensor/index.js';
import { TensorDataset } from '../tensor-dataset.js';
import { readText } from './files.js';

export interface CsvOptions {
  /** Whether the first row names the columns; 'auto' takes it as a header when a cell is not a number. @default 'auto' */
  readonly header?: boolean | 'auto';
  /** The label column: an index (negative counts from the end), a header name, or null for none. @default -1 (the last column) */
  readonly labelColumn?: number | string | null;
  /** 'class': labels are int32 class indices [N]; 'value': float32 targets [N, 1]. @default 'class' */
  readonly labelType?: 'class' | 'value';
  /** With labelType 'class', labels must lie in [0, numClasses). @default no upper bound */
  readonly numClasses?: number;
  /** The cell separator. @default ',' */
  readonly delimiter?: string;
  /** Lines to skip before the header or the first row (e.g. a title line). @default 0 */
  readonly skipLines?: number;
  /** Names the data in errors. @default '<CSV text>' (the path, for readCsv) */
  readonly source?: string;
}

/** A parsed CSV table: numeric features, and labels when a label column was chosen. */
export interface CsvData {
  /** The header cells, when the file has a header. */
  readonly header: readonly string[] | undefined;
  /** Names (or indices, without a header) of the feature columns. */
  readonly featureNames: readonly string[];
  /** float32 [N, features]. */
  readonly inputs: Tensor;
  /** int32 [N] (class) or float32 [N, 1] (value); undefined when labelColumn is null. */
  readonly targets: Tensor | undefined;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses CSV text of numbers: one sample per line, blank lines skipped, cells trimmed and
 * unquoted (quoted cells may not contain the delimiter). A ragged row names its line; a cell
 * that is not a number names its line and column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvData {
  const source = options.source ?? '<CSV text>';
  const delimiter = options.delimiter ?? ',';
  const lines = text.split(/\r?\n/);
  let lineIndex = options.skipLines ?? 0;
  const nextRow = (): { cells: string[]; line: number } | undefined => {
    while (lineIndex < lines.length && lines[lineIndex]!.trim() === '') lineIndex++;
    if (lineIndex >= lines.length) return undefined;
    const line = lineIndex++;
    return { cells: lines[line]!.split(delimiter).map(unquote), line: line + 1 };
  };
  let first = nextRow();
  if (first === undefined) throw new FormatError(`${source}: no data rows`, { hint: 'the file is empty or only blank lines' });
  const headerMode = options.header ?? 'auto';
  const hasHeader = headerMode === 'auto' ? first.cells.some((c) => !NUMBER.test(c)) : headerMode;
  const header = hasHeader ? first.cells : undefined;
  const width = first.cells.length;
  if (hasHeader) first = nextRow();
  const label = labelIndex(options.labelColumn === undefined ? -1 : options.labelColumn, width, header, source);
  const labelType = options.labelType ?? 'class';
  const features: number[] = [];
  const labels: number[] = [];
  let n = 0;
  for (let row = first; row !== undefined; row = nextRow(), n++) {
    if (row.cells.length !== width) {
      throw new FormatError(`${source}: line ${row.line} has ${row.cells.length} cells, expected ${width} like the first row`, {
        expected: width,
        got: row.cells.length,
        hint: 'every row needs the same number of cells; look for a missing or extra delimiter',
      });
    }
    row.cells.forEach((cell, column) => {
      if (!NUMBER.test(cell)) {
        throw new FormatError(`${source}: line ${row.line}, column ${column + 1}: ${JSON.stringify(cell)} is not a number`, {
          hint: 'CSV features and labels must be numeric; encode categories as numbers first',
        });
      }
      const value = Number(cell);
      if (column !== label) features.push(value);
      else labels.push(checkLabel(value, labelType, options.numClasses, source, row.line, column));
    });
  }
  const featureCount = label === undefined ? width : width - 1;
  const columnNames = header ?? Array.from({ length: width }, (_, i) => String(i));
  const featureNames = columnNames.filter((_, i) => i !== label);
  const inputs = new Tensor(Float32Array.from(features), [n, featureCount]);
  let targets: Tensor | undefined;
  if (label !== undefined) {
    targets = labelType === 'class' ? new Tensor(Int32Array.from(labels), [n]) : new Tensor(Float32Array.from(labels), [n, 1]);
  }
  return { header, featureNames, inputs, targets };
}

/** Reads a CSV file (gzipped or not) with `parseCsv`; errors name the file. */
export function readCsv(path: string, options: CsvOptions = {}): CsvData {
  return parseCsv(readText(path, 'readCsv'), { source: path, ...options });
}

/** Reads a CSV file into a TensorDataset of features and labels (the label column is required). */
export function loadCsv(path: string, options: CsvOptions = {}): TensorDataset {
  const data = readCsv(path, options);
  if (data.targets === undefined) {
    throw new ConfigError(`loadCsv: ${path}: a data set needs a label column, got labelColumn null`, {
      hint: 'use readCsv for a table without labels',
    });
  }
  return new TensorDataset(data.inputs, data.targets);
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

function labelIndex(column: number | string | null, width: number, header: readonly string[] | undefined, source: string): number | undefined {
  if (column === null) return undefined;
  if (typeof column === 'string') {
    const index = header?.indexOf(column) ?? -1;
    if (index < 0) {
      throw new ConfigError(`${source}: label column ${JSON.stringify(column)} not found`, {
        expected: header === undefined ? 'a header row' : header.join(', '),
        hint: header === undefined ? 'the file has no header: pass the column index instead' : 'pass one of the header names',
      });
    }
    return index;
  }
  const index = column < 0 ? width + column : column;
  if (!Number.isInteger(column) || index < 0 || index >= width) {
    throw new ConfigError(`${source}: label column ${column} is outside the ${width} columns of the file`);
  }
  return index;
}

function checkLabel(value: number, type: 'class' | 'value', numClasses: number | undefined, source: string, line: number, column: number): number {
  if (type === 'value') return value;
  const limit = numClasses ?? Infinity;
  if (!Number.isInteger(value) || value < 0 || value >= limit) {
    throw new FormatError(`${source}: line ${line}, column ${column + 1}: label ${value} is not a class index in 0..${limit - 1}`, {
      hint: "class labels must be integers from 0; for real-valued targets pass labelType: 'value'",
    });
  }
  return value;
}
