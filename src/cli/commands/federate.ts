import { appendFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatPartitionSpec } from '../../federated/partition/index.js';
import type { FaultOptions, RoundSummary, SimulationJobOptions } from '../../federated/simulation/index.js';
import { runSimulationJob, strategyNames } from '../../federated/simulation/index.js';
import { createOutput } from '../output.js';
import { defined, integer, integerList, number } from '../parse.js';

interface SimulateFlags {
  readonly data?: string;
  readonly dataDir?: string;
  readonly limit?: number;
  readonly model?: string;
  readonly hidden?: number[];
  readonly clients?: number;
  readonly fraction?: number;
  readonly rounds?: number;
  readonly strategy?: string;
  readonly partition?: string;
  readonly localEpochs?: number;
  readonly lr?: number;
  readonly batchSize?: number;
  readonly proximalMu?: number;
  readonly krumF?: number;
  readonly trimBeta?: number;
  readonly localTestFraction?: number;
  readonly dropoutRate?: number;
  readonly stragglerRate?: number;
  readonly signFlipRate?: number;
  readonly scaleRate?: number;
  readonly noiseRate?: number;
  readonly nanRate?: number;
  readonly workers?: number;
  readonly timeoutMs?: number;
  readonly seed?: number;
  readonly history?: string;
  readonly verbose?: boolean;
  readonly json?: boolean;
}

const pct = (x: number | undefined): string => (x === undefined ? '   -  ' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(4));

/** One line per client of the round's training phase (--verbose). */
function clientLines(s: RoundSummary): string[] {
  return s.clients
    .filter((c) => c.phase === 'train')
    .map((c) => {
      const tags = [c.fault, c.attack].filter((t) => t !== null).join(', ');
      const detail = c.status === 'ok' ? `loss ${num(c.metrics?.['loss'])} acc ${pct(c.metrics?.['accuracy'])} on ${c.numExamples ?? '?'} samples` : (c.reason ?? '');
      return `    ${c.clientId} ${c.status.padEnd(8)} ${tags === '' ? '' : `[${tags}] `}${detail}`;
    });
}

/** One progress line per round. */
function roundLine(s: RoundSummary, rounds: number): string {
  return (
    `round ${String(s.round).padStart(String(rounds).length)}/${rounds}  ` +
    `central acc ${pct(s.central['accuracy'])} loss ${num(s.central['loss'])}  ` +
    `federated acc ${pct(s.federated['accuracy'])}  ` +
    `clients ok ${s.ok} failed ${s.failed} rejected ${s.rejected}  ${s.seconds.toFixed(1)} s`
  );
}

function simulateCommand(): Command {
  return new Command('simulate')
    .description('simulate federated learning: N virtual clients on worker threads, seeded partitions and faults')
    .option('--data <name>', "'fashion-mnist' or 'digits' (default: fashion-mnist)")
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are (default: /usr/share/datasets/fashion-mnist)')
    .option('--limit <n>', 'use the first n training and at most n test samples', integer)
    .addOption(new Option('--model <name>', 'model (default: mlp)').choices(['mlp', 'cnn']))
    .option('--hidden <widths>', 'hidden widths of the MLP, comma-separated (default: 200,200)', integerList)
    .option('--clients <n>', 'virtual clients (default: 10)', integer)
    .option('--fraction <f>', 'fraction of clients sampled per round (default: 1)', number)
    .option('--rounds <n>', 'federated rounds (default: 10)', integer)
    .addOption(new Option('--strategy <name>', 'aggregation strategy (default: fedavg)').choices([...strategyNames]))
    .option('--partition <spec>', "iid, dirichlet:ALPHA, shards:K or quantity:ALPHA (default: iid)")
    .option('--local-epochs <n>', 'local epochs per round (default: 1)', integer)
    .option('--lr <rate>', 'client SGD learning rate (default: 0.05)', number)
    .option('--batch-size <n>', 'client batch size (default: 32)', integer)
    .option('--proximal-mu <mu>', 'FedProx proximal weight (default: 0.01)', number)
    .option('--krum-f <n>', 'Byzantine clients Krum tolerates (default: expected attackers per round)', integer)
    .option('--trim-beta <b>', 'fraction trimmed from each end by trimmed-mean (default: 0.2)', number)
    .option('--local-test-fraction <f>', "fraction of each client's data kept for federated evaluation (default: 0.1)", number)
    .option('--dropout-rate <p>', 'chance a sampled client drops out mid-round', number)
    .option('--straggler-rate <p>', 'chance a sampled client replies after the round timeout', number)
    .option('--sign-flip-rate <f>', 'fraction of clients sending sign-flipped updates (w_g - 4 (w - w_g))', number)
    .option('--scale-rate <f>', 'fraction of clients sending updates scaled by 10', number)
    .option('--noise-rate <f>', 'fraction of clients adding N(0, 1) noise to their update', number)
    .option('--nan-rate <f>', 'fraction of clients sending NaN in their update', number)
    .option('--timeout-ms <ms>', 'round timeout per client reply; slower clients count as stragglers (default: none)', integer)
    .option('--workers <n>', 'worker threads, 0 for none (default: the available cores)', integer)
    .option('--seed <n>', 'seed of partition, sampling, training and faults (default: 0)', integer)
    .option('--history <file>', 'write the per-round history (per-client metrics) as JSON lines')
    .option('--verbose', "print every client's training metrics or failure each round")
    .option('--json', 'end the output with one JSON summary')
    .action(async (flags: SimulateFlags) => {
      const out = createOutput(flags.json ?? false);
      const f = defined(flags);
      const faults: FaultOptions = defined({
        dropoutRate: f.dropoutRate,
        stragglerRate: f.stragglerRate,
        signFlipRate: f.signFlipRate,
        scaleRate: f.scaleRate,
        noiseRate: f.noiseRate,
        nanRate: f.nanRate,
      });
      const { history, verbose, json: _json, dropoutRate: _d, stragglerRate: _s, signFlipRate: _f, scaleRate: _c, noiseRate: _n, nanRate: _a, ...rest } = f;
      void [_json, _d, _s, _f, _c, _n, _a];
      let rounds = 0;
      const options: SimulationJobOptions = {
        ...rest,
        faults,
        onStart: (info) => {
          rounds = info.rounds;
          out.line(
            `deeptrace federate simulate: ${info.strategy}, ${info.model} (${info.parameters} parameters) on ${info.data} ` +
              `(${info.trainSamples} train / ${info.testSamples} test), ${info.clients} clients, fraction ${info.fraction}, ` +
              `${info.rounds} rounds, partition ${formatPartitionSpec(info.partition)}, seed ${info.seed}`,
          );
          if (history !== undefined) writeFileSync(history, `${JSON.stringify({ type: 'simulation', ...info, faults })}\n`);
        },
        onRound: (s) => {
          out.line(roundLine(s, rounds));
          if (verbose === true) for (const line of clientLines(s)) out.line(line);
          if (history !== undefined) appendFileSync(history, `${JSON.stringify({ type: 'round', ...s })}\n`);
        },
      };
      const { info, result } = await runSimulationJob(options);
      if (history !== undefined) appendFileSync(history, `${JSON.stringify({ type: 'partition', labelHistograms: result.labelHistograms })}\n`);
      const last = result.rounds[result.rounds.length - 1];
      const accuracies = result.rounds.map((r) => r.central['accuracy'] ?? Number.NaN);
      const summary = {
        ...info,
        partition: result.partition,
        faults,
        workers: result.workers,
        seconds: result.seconds,
        initialCentral: result.initialCentral,
        final: { central: last?.central ?? {}, federated: last?.federated ?? {} },
        bestCentralAccuracy: Math.max(...accuracies.filter((a) => !Number.isNaN(a))),
        meanMaxClassFraction: result.meanMaxClassFraction,
        labelHistograms: result.labelHistograms,
        attackers: result.attackers,
        totals: {
          ok: result.rounds.reduce((a, r) => a + r.ok, 0),
          failed: result.rounds.reduce((a, r) => a + r.failed, 0),
          rejected: result.rounds.reduce((a, r) => a + r.rejected, 0),
        },
        rounds: result.rounds.map((r) => ({ round: r.round, central: r.central, federated: r.federated, ok: r.ok, failed: r.failed, rejected: r.rejected, seconds: r.seconds })),
        ...(history === undefined ? {} : { history }),
      };
      out.result(summary, () =>
        [
          `partition ${result.partition}: each client's most frequent class holds ${(result.meanMaxClassFraction * 100).toFixed(1)}% of its samples on average`,
          `final central accuracy ${pct(last?.central['accuracy'])}, loss ${num(last?.central['loss'])}; federated accuracy ${pct(last?.federated['accuracy'])}`,
          `${result.rounds.length} rounds in ${result.seconds.toFixed(1)} s on ${result.workers} worker thread${result.workers === 1 ? '' : 's'}; ` +
            `client replies ok ${summary.totals.ok}, failed ${summary.totals.failed}, rejected ${summary.totals.rejected}`,
          ...(history === undefined ? [] : [`history written to ${history}`]),
        ].join('\n'),
      );
    });
}

/** `deeptrace federate`: federated learning (today: the simulator). */
export function federateCommand(): Command {
  return new Command('federate').description('federated learning: simulate clients, strategies and faults').addCommand(simulateCommand());
}
