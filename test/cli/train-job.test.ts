import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { modelPathFor } from '../../src/cli/train-job.js';

const dir = mkdtempSync(join(tmpdir(), 'deeptrace-out-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('modelPathFor (train --out)', () => {
  it('saves into an existing directory as model.safetensors, decided before training', () => {
    assert.equal(modelPathFor(dir), join(dir, 'model.safetensors'));
  });

  it('reads a path ending with a separator as a directory, even before it exists', () => {
    assert.equal(modelPathFor(`${join(dir, 'new')}/`), join(dir, 'new', 'model.safetensors'));
  });

  it('keeps a file path as it is, existing or not', () => {
    assert.equal(modelPathFor(join(dir, 'm.safetensors')), join(dir, 'm.safetensors'));
    assert.equal(modelPathFor(join(dir, 'sub', 'model')), join(dir, 'sub', 'model'));
  });
});
