import assert from 'node:assert/strict';
import { mkdir, mkdtemp, open, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FormatError } from '../../src/errors/index.js';
import { readFileLimited, tempPathFor, writeFileAtomic } from '../../src/io/atomic-write.js';
import type { AtomicWriteFs } from '../../src/io/atomic-write.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The real file system, with one step replaced by a failure. */
function failingFs(step: 'writeFile' | 'sync' | 'rename'): AtomicWriteFs {
  return {
    async open(path, flags, mode) {
      const handle = await open(path, flags, mode);
      return {
        async writeFile(data) {
          if (step === 'writeFile') {
            await handle.writeFile(data.subarray(0, 3)); // a partial write, then the disk "fills up"
            throw new Error('ENOSPC: simulated full disk');
          }
          await handle.writeFile(data);
        },
        async sync() {
          if (step === 'sync') throw new Error('EIO: simulated fsync failure');
          await handle.sync();
        },
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      if (step === 'rename') throw new Error('EXDEV: simulated rename failure');
      await rename(from, to);
    },
    unlink: (path) => unlink(path),
  };
}

describe('writeFileAtomic', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deeptrace-atomic-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a new file and leaves no temp file', async () => {
    const path = join(dir, 'new.bin');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    assert.deepEqual(Array.from(await readFile(path)), [1, 2, 3]);
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('new.bin')), ['new.bin']);
  });

  it('replaces an existing file', async () => {
    const path = join(dir, 'replace.txt');
    await writeFile(path, 'old');
    await writeFileAtomic(path, text('new content'));
    assert.equal(await readFile(path, 'utf8'), 'new content');
  });

  for (const step of ['writeFile', 'sync', 'rename'] as const) {
    it(`keeps the old file and removes the temp file when ${step} fails`, async () => {
      const path = join(dir, `fail-${step}.txt`);
      await writeFile(path, 'old and intact');
      await assert.rejects(writeFileAtomic(path, text('new'), { fs: failingFs(step) }), /simulated/);
      assert.equal(await readFile(path, 'utf8'), 'old and intact');
      assert.deepEqual((await readdir(dir)).filter((n) => n.includes(`fail-${step}`)), [`fail-${step}.txt`]);
    });
  }

  it('fails without damage when the target is a directory', async () => {
    const path = join(dir, 'is-a-dir');
    await mkdir(path);
    await writeFile(join(path, 'inside.txt'), 'kept');
    await assert.rejects(writeFileAtomic(path, text('x')));
    assert.equal(await readFile(join(path, 'inside.txt'), 'utf8'), 'kept');
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('is-a-dir')), ['is-a-dir']);
  });

  it('fails when the directory does not exist, creating nothing', async () => {
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.bin'), text('x')), /ENOENT/);
  });

  it('concurrent writers each leave a whole file, never a mix', async () => {
    const path = join(dir, 'race.txt');
    const contents = ['a'.repeat(50_000), 'b'.repeat(70_000), 'c'.repeat(30_000)];
    await Promise.all(contents.map((c) => writeFileAtomic(path, text(c))));
    assert.ok(contents.includes(await readFile(path, 'utf8')));
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('race')), ['race.txt']);
  });

  it('puts the temp file in the same directory, hidden and unique', () => {
    const a = tempPathFor('/models/m.safetensors');
    const b = tempPathFor('/models/m.safetensors');
    assert.match(a, /^\/models\/\.m\.safetensors\..+\.tmp$/);
    assert.notEqual(a, b);
    assert.match(tempPathFor('m.bin'), /^\.\/\.m\.bin\./);
  });
});

describe('readFileLimited', () => {
  it('reads a file within the limit and refuses a larger one before reading', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptrace-read-'));
    try {
      const path = join(dir, 'f.bin');
      await writeFile(path, new Uint8Array([5, 6, 7, 8]));
      assert.deepEqual(Array.from(await readFileLimited(path, 4)), [5, 6, 7, 8]);
      await assert.rejects(readFileLimited(path, 3), (e: unknown) => e instanceof FormatError && /4 bytes, more than the limit of 3/.test(e.message));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
