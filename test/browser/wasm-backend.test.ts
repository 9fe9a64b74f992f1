// The wasm backend in a real browser: Debian's chromium driven by playwright-core loads the
// compiled library (dist/, built by `npm test` and by `npm install`) from a loopback server that
// sends the cross-origin-isolation headers, and runs kernels on the page's main thread and its
// Web Workers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'src');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The page: imports the backend, tensors and ops from dist/ and reports what it saw. */
const page = `<!doctype html><meta charset="utf-8"><script type="module">
import { backendStatus, getBackend, initWasm, withBackend } from '/dist/backend/index.js';
import { tensor } from '/dist/tensor/index.js';
import { matmul, conv2d, relu } from '/dist/ops/index.js';
const report = { before: backendStatus(), isolated: globalThis.crossOriginIsolated };
report.after = await initWasm();
report.backend = getBackend().name;
const a = tensor(Array.from({ length: 40 * 30 }, (_, i) => Math.sin(i)), { dtype: 'float32' }).reshape(40, 30);
const b = tensor(Array.from({ length: 30 * 20 }, (_, i) => Math.cos(i)), { dtype: 'float32' }).reshape(30, 20);
const x = tensor(Array.from({ length: 2 * 3 * 9 * 9 }, (_, i) => Math.sin(i / 3)), { dtype: 'float32' }).reshape(2, 3, 9, 9);
const w = tensor(Array.from({ length: 4 * 3 * 3 * 3 }, (_, i) => Math.cos(i / 5)), { dtype: 'float32' }).reshape(4, 3, 3, 3);
// Workers start on first use and join once running, which on a page needs the event loop.
const backend = getBackend();
report.threads = backend.threads;
backend.waitForThreads(0);
for (let i = 0; i < 100 && backend.activeThreads() < backend.threads; i++) await new Promise((r) => setTimeout(r, 50));
report.activeThreads = backend.activeThreads();
// 300 x 300 x 300: large enough to be split across the threads.
const big = tensor(Array.from({ length: 300 * 300 }, (_, i) => Math.sin(i / 7)), { dtype: 'float32' }).reshape(300, 300);
const run = () => [Array.from(matmul(a, b).values()), Array.from(relu(conv2d(x, w, null, { padding: 1 })).values()), Array.from(matmul(big, big).values())];
report.wasm = run();
report.js = withBackend('js', run);
window.report = report;
</script>`;

const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

describe('the wasm backend in Chromium', () => {
  let browser: Browser | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Cross-origin isolation, as a page needs for SharedArrayBuffer.
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.pathname === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(dist, url.pathname.replace(/^\/dist\//, '')));
    if (!url.pathname.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });

  before(async () => {
    assert.ok(existsSync(join(dist, 'backend', 'index.js')), 'dist/ is missing: run npm run build (npm test does)');
    assert.ok(existsSync(chromiumPath), `no browser at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    server.close();
  });

  it('loads the wasm backend on the page (at import, or else through initWasm) with Web Workers, and its kernels match js', { timeout: 60000 }, async () => {
    const { port } = server.address() as AddressInfo;
    const tab = await browser!.newPage();
    const messages: string[] = [];
    tab.on('console', (m) => messages.push(m.text()));
    tab.on('pageerror', (e) => messages.push(`page error: ${e.message}`));
    await tab.goto(`http://127.0.0.1:${port}/`);
    await tab.waitForFunction(() => 'report' in window, undefined, { timeout: 30000 }).catch(() => {
      assert.fail(`the page did not finish:\n${messages.join('\n')}`);
    });
    const report = (await tab.evaluate(() => (window as unknown as { report: unknown }).report)) as {
      before: string; after: string; backend: string; isolated: boolean; threads: number; activeThreads: number; wasm: number[][]; js: number[][];
    };
    assert.equal(report.isolated, true);
    if (report.before.startsWith("backend 'wasm'")) {
      // This engine compiles the module synchronously on the main thread: initWasm changes nothing.
      assert.equal(report.after, report.before);
    } else {
      // An engine that refuses: deeptrace says so, uses js, and initWasm loads wasm asynchronously.
      assert.match(report.before, /^backend 'js'; wasm not loaded: /);
      assert.ok(messages.some((m) => m.includes('await initWasm()')), `no fallback warning among: ${messages.join(' | ')}`);
    }
    assert.match(report.after, /^backend 'wasm'; wasm loaded \(SIMD128/);
    assert.equal(report.backend, 'wasm');
    // A cross-origin-isolated page gets Web Workers on the shared memory, one per core up to 4.
    const cores = await tab.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(report.threads, Math.min(cores, 4));
    assert.equal(report.activeThreads, report.threads, 'every worker joined');
    report.wasm.forEach((values, k) => {
      values.forEach((v, i) => assert.ok(Math.abs(v - report.js[k]![i]!) <= 1e-5 * (1 + Math.abs(report.js[k]![i]!)), `output ${k}[${i}]: ${v} vs ${report.js[k]![i]}`));
    });
    await tab.close();
  });
});
