// The federated-learning experiments of the README: FedAvg on IID and Dirichlet(0.1) splits next
// to centralized training, FedProx vs FedAvg, 20 % sign-flipping clients against four
// aggregators, 30 % dropout, and 100 clients. Each is one `deeptrace federate simulate` run;
// the script prints the command and the numbers it gets.
// Run: npx tsx examples/08-federated-experiments.ts [--only fedavg-iid,centralized] [--rounds 30] [--quick]
// --quick: the embedded digits, 3 rounds, small MLP (a smoke test, seconds instead of minutes).
import type { SimulationJobOptions } from '../src/federated/simulation/index.js';
import { runSimulationJob } from '../src/federated/simulation/index.js';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const rounds = Number(arg('--rounds') ?? (quick ? 3 : 30));
const only = arg('--only')?.split(',');

/** Flags shared by every experiment (written out in the printed command). */
const common: Record<string, string> = quick
  ? { data: 'digits', hidden: '16', rounds: String(rounds), lr: '0.3', seed: '1' }
  : { data: 'fashion-mnist', hidden: '128', rounds: String(rounds), workers: '2', seed: '1' };

const experiments: [name: string, flags: Record<string, string>][] = [
  ['fedavg-iid', { clients: '10', partition: 'iid' }],
  ['fedavg-dir01', { clients: '10', partition: 'dirichlet:0.1' }],
  // One client holding all the data: centralized minibatch SGD, one epoch per round.
  ['centralized', { clients: '1', 'local-test-fraction': '0' }],
  ['fedprox-dir01', { clients: '10', partition: 'dirichlet:0.1', strategy: 'fedprox', 'proximal-mu': '0.01' }],
  ['flip-fedavg', { clients: '10', partition: 'iid', 'sign-flip-rate': '0.2', strategy: 'fedavg' }],
  ['flip-fedmedian', { clients: '10', partition: 'iid', 'sign-flip-rate': '0.2', strategy: 'fedmedian' }],
  ['flip-trimmed', { clients: '10', partition: 'iid', 'sign-flip-rate': '0.2', strategy: 'trimmed-mean' }],
  ['flip-krum', { clients: '10', partition: 'iid', 'sign-flip-rate': '0.2', strategy: 'krum' }],
  ['dropout30', { clients: '10', partition: 'iid', 'dropout-rate': '0.3' }],
  ['clients100', { clients: '100', partition: 'iid' }],
];

/** The job options a set of CLI flags stands for. */
function jobOptions(flags: Record<string, string>): SimulationJobOptions {
  const n = (key: string): number | undefined => (flags[key] === undefined ? undefined : Number(flags[key]));
  const faults = {
    ...(flags['sign-flip-rate'] === undefined ? {} : { signFlipRate: n('sign-flip-rate')! }),
    ...(flags['dropout-rate'] === undefined ? {} : { dropoutRate: n('dropout-rate')! }),
  };
  const pick = <K extends keyof SimulationJobOptions>(key: K, value: SimulationJobOptions[K] | undefined): Partial<SimulationJobOptions> =>
    value === undefined ? {} : ({ [key]: value } as Partial<SimulationJobOptions>);
  return {
    ...pick('data', flags['data']),
    ...pick('hidden', flags['hidden']?.split(',').map(Number)),
    ...pick('rounds', n('rounds')),
    ...pick('lr', n('lr')),
    ...pick('seed', n('seed')),
    ...pick('workers', n('workers')),
    ...pick('clients', n('clients')),
    ...pick('partition', flags['partition']),
    ...pick('strategy', flags['strategy']),
    ...pick('proximalMu', n('proximal-mu')),
    ...pick('localTestFraction', n('local-test-fraction')),
    faults,
  };
}

for (const [name, flags] of experiments) {
  if (only !== undefined && !only.includes(name)) continue;
  const all = { ...common, ...flags };
  console.log(`\n## ${name}\n$ deeptrace federate simulate ${Object.entries(all).map(([k, v]) => `--${k} ${v}`).join(' ')}`);
  const { result } = await runSimulationJob(jobOptions(all));
  const last = result.rounds[result.rounds.length - 1]!;
  const best = Math.max(...result.rounds.map((r) => r.central['accuracy'] ?? 0));
  const totals = result.rounds.reduce((t, r) => ({ ok: t.ok + r.ok, failed: t.failed + r.failed, rejected: t.rejected + r.rejected }), { ok: 0, failed: 0, rejected: 0 });
  console.log(
    `${name}: ${result.strategy}, final test accuracy ${(last.central['accuracy']! * 100).toFixed(2)}% (best ${(best * 100).toFixed(2)}%), ` +
      `loss ${last.central['loss']!.toFixed(4)}; replies ok ${totals.ok} failed ${totals.failed} rejected ${totals.rejected}; ${result.seconds.toFixed(1)} s`,
  );
}
