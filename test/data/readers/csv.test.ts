import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadCsv, parseCsv, readCsv } from '../../../src/data/readers/csv.js';
import { ConfigError, FormatError } from '../../../src/errors/index.js';
import { tempDir } from './fixtures.js';

const tmp = tempDir();
after(tmp.cleanup);

describe('parseCsv', () => {
  it('without a header: the last column is the class label', () => {
    const d = parseCsv('1,2,0\n3.5,-4e-1,2\n');
    assert.equal(d.header, undefined);
    assert.deepEqual(d.featureNames, ['0', '1']);
    assert.deepEqual(d.inputs.shape, [2, 2]);
    assert.deepEqual(Array.from(d.inputs.values()), [1, 2, 3.5, Math.fround(-0.4)]);
    assert.equal(d.targets?.dtype, 'int32');
    assert.deepEqual(d.targets?.toArray(), [0, 2]);
  });

  it('detects a header and picks the label column by name', () => {
    const d = parseCsv('label,"w",h\n1,0.5,2\n0,1.5,3\n', { labelColumn: 'label' });
    assert.deepEqual(d.header, ['label', 'w', 'h']);
    assert.deepEqual(d.featureNames, ['w', 'h']);
    assert.deepEqual(d.inputs.toArray(), [
      [0.5, 2],
      [1.5, 3],
    ]);
    assert.deepEqual(d.targets?.toArray(), [1, 0]);
  });

  it('label column by index, real-valued targets, no label, CRLF, blank lines and skipped lines', () => {
    const text = 'title line\r\n\r\n2,10,0.25\r\n\r\n4,20,0.75\r\n';
    const d = parseCsv(text, { skipLines: 1, labelColumn: 0, labelType: 'value' });
    assert.deepEqual(d.targets?.shape, [2, 1]);
    assert.deepEqual(d.targets?.toArray(), [[2], [4]]);
    assert.deepEqual(d.inputs.toArray(), [
      [10, 0.25],
      [20, 0.75],
    ]);
    const none = parseCsv(text, { skipLines: 1, labelColumn: null });
    assert.equal(none.targets, undefined);
    assert.deepEqual(none.inputs.shape, [2, 3]);
  });

  it('header: false reads the first row as data; another delimiter', () => {
    const d = parseCsv('1;2\n3;4', { header: false, delimiter: ';' });
    assert.deepEqual(d.inputs.toArray(), [[1], [3]]);
    assert.deepEqual(d.targets?.toArray(), [2, 4]);
  });

  it('a ragged row names its line number', () => {
    assert.throws(() => parseCsv('a,b,y\n1,2,0\n\n3,0\n', { source: 'r.csv' }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.match(e.message, /^r\.csv: line 4 has 2 cells, expected 3/);
      return true;
    });
  });

  it('a non-numeric cell names its line and column', () => {
    assert.throws(() => parseCsv('1,2,0\n1,x2,1\n', { source: 'n.csv' }), /n\.csv: line 2, column 2: "x2" is not a number/);
    assert.throws(() => parseCsv('1,,0\n', { header: false, source: 'e.csv' }), /e\.csv: line 1, column 2: "" is not a number/);
  });

  it('a class label out of range or not an integer names line and column', () => {
    assert.throws(() => parseCsv('1,3\n2,10\n', { numClasses: 10, source: 'l.csv' }), /l\.csv: line 2, column 2: label 10 is not a class index in 0\.\.9/);
    assert.throws(() => parseCsv('1,0.5\n', { source: 'f.csv' }), /line 1, column 2: label 0\.5 is not a class index/);
    assert.throws(() => parseCsv('1,-1\n'), FormatError);
  });

  it('refuses an unknown label column and an empty text', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n', { labelColumn: 'c' }), ConfigError);
    assert.throws(() => parseCsv('1,2\n', { labelColumn: 2 }), ConfigError);
    assert.throws(() => parseCsv('\n\n', { source: 'empty.csv' }), /empty\.csv: no data rows/);
  });
});

describe('readCsv and loadCsv', () => {
  it('read a plain and a gzipped file alike, and name the file in errors', () => {
    const text = 'x1,x2,y\n0,1,1\n1,0,1\n1,1,0\n';
    const plain = tmp.path('xor.csv');
    writeFileSync(plain, text);
    const gz = tmp.path('xor.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    const a = readCsv(plain);
    const b = loadCsv(gz);
    assert.deepEqual(a.inputs.toArray(), b.inputs.toArray());
    assert.deepEqual(b.length, 3);
    assert.deepEqual(b.targets.toArray(), [1, 1, 0]);
    const bad = tmp.path('bad.csv');
    writeFileSync(bad, text + '1,2\n');
    assert.throws(() => readCsv(bad), (e: unknown) => e instanceof FormatError && e.message.startsWith(`${bad}: line 5 has 2 cells`));
    assert.throws(() => loadCsv(plain, { labelColumn: null }), ConfigError);
  });
});
