// Runs one benchmark in a child Node process and reads the JSON line it prints last, so
// that every run has its own heap, its own peak RSS and no JIT or allocator state from
// another run.
import { spawn } from 'node:child_process';

export interface ChildRun<T> {
  /** The parsed last stdout line that is a JSON object. */
  readonly result: T;
  /** The command line, for the record. */
  readonly command: string;
}

export interface RunChildOptions {
  /** Working directory of the child. @default process.cwd() */
  readonly cwd?: string;
  /** Kill the child after this many seconds. @default 900 */
  readonly timeoutSeconds?: number;
  /** Echo the child's stderr to ours as it arrives. @default true */
  readonly echoStderr?: boolean;
  /** Node options placed before `--import tsx` (V8 flags such as --experimental-wasm-relaxed-simd). @default [] */
  readonly nodeFlags?: readonly string[];
}

/** `node [nodeFlags] --import tsx <script> ...args`, resolved with the JSON object it printed last. */
export function runTsChild<T>(script: string, args: readonly string[], options: RunChildOptions = {}): Promise<ChildRun<T>> {
  const argv = [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args];
  const command = `node ${argv.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echoStderr ?? true) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.timeoutSeconds ?? 900) * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout
        .split('\n')
        .map((l) => l.trim())
        .reverse()
        .find((l) => l.startsWith('{') && l.endsWith('}'));
      if (code !== 0 || line === undefined) {
        const why = signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`;
        const tail = (stderr || stdout).trim().split('\n').slice(-8).join('\n');
        reject(new Error(`bench child failed (${why}): ${command}\n${tail}`));
        return;
      }
      resolve({ result: JSON.parse(line) as T, command });
    });
  });
}
