/**
 * `npm run mnist`: trains LeNet-5 on MNIST on the best backend that starts here (or --backend),
 * prints the summary, progress, per-epoch results, test accuracy, a confusion matrix and
 * throughput, and writes runs/<timestamp>/ with the model, history.json and curves.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { USAGE, UsageError, parseArgs, type CliOptions } from './args.js';
import { formatConfusion } from './confusion.js';
import { renderCurvesSvg } from './curves-svg.js';
import { ensureWritable, runDir, RunDirError } from './run-dir.js';
import type { TrainResult } from './train.js';

/** Exit codes: 0 done, 1 failed while running or the backend asked for cannot run here, 2 bad command line. */

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function fmtSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function epochTable(r: TrainResult): string[] {
  const keys = ['loss', 'accuracy', 'val_loss', 'val_accuracy'].filter((k) => r.history[k]);
  const head = ['epoch', 'backend', ...keys, 'time', 'samples/s', 'live tensors'];
  const rows = r.epochs.map((e) => [
    String(e.epoch),
    e.backend,
    ...keys.map((k) => (e.logs[k] === undefined ? '' : k.includes('acc') ? `${(e.logs[k] * 100).toFixed(2)}%` : e.logs[k].toFixed(4))),
    fmtSeconds(e.seconds),
    Math.round(e.samplesPerSec).toLocaleString('en-US'),
    String(e.numTensors),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

async function writeRun(dir: string, o: CliOptions, r: TrainResult, backends: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // Not pathToFileURL: the file:// handler takes the rest of the URL as the path, without
  // percent-decoding, so 'my runs' would be saved to a folder named 'my%20runs'.
  await r.model.save(`file://${dir}`);
  const history = {
    model: o.model,
    options: { ...o, help: undefined },
    backends,
    trainSamples: r.trainSamples,
    valSamples: r.valSamples,
    testSamples: r.testSamples,
    epoch: r.epochs.map((e) => e.epoch),
    history: r.history,
    epochs: r.epochs,
    test: { loss: r.testLoss, accuracy: r.testAccuracy, confusion: r.confusion.matrix },
    trainSeconds: r.trainSeconds,
    evalSeconds: r.evalSeconds,
  };
  writeFileSync(join(dir, 'history.json'), `${JSON.stringify(history, null, 2)}\n`);
  const title = `${o.model} on MNIST — ${backends.join(' → ')}, batch ${o.batchSize}, ${o.optimizer} ${o.lr}; test accuracy ${(r.testAccuracy * 100).toFixed(2)}%`;
  writeFileSync(join(dir, 'curves.svg'), renderCurvesSvg({ history: r.history, epochs: r.epochs.map((e) => e.epoch), title }));
}

async function main(argv: readonly string[]): Promise<number> {
  let o: CliOptions;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mnist: ${e.message}\nRun with --help for the flags.\n`);
      return e.exitCode;
    }
    throw e;
  }
  if (o.help) {
    log(USAGE);
    return 0;
  }
  const t0 = performance.now();
  // Heavy imports after the flags are checked, so `--help` and bad flags answer at once.
  const { importBackends, startBackend, describeBackends, BackendStartError } = await import('./backends.js');
  const imports = await importBackends();
  let backend: string;
  try {
    backend = await startBackend(o.backend, imports);
    if (o.switchBackendAt) {
      const target = imports.find((s) => s.name === o.switchBackendAt?.backend);
      if (target && !target.imported) throw new BackendStartError(target.name, target.error ?? 'its package did not import');
    }
  } catch (e) {
    if (e instanceof BackendStartError) {
      // Not a usage error: the flags were right, this machine cannot run that backend. One line,
      // which says what to install; `--help` and the run's header list the backends.
      process.stderr.write(`mnist: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // After the backend started (a bad --backend leaves no empty run folder), before any training.
  const dir = runDir(o);
  try {
    ensureWritable(dir, o.out === undefined ? 'the runs folder' : '--out');
  } catch (e) {
    if (e instanceof RunDirError) {
      process.stderr.write(`mnist: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
  log(`Tensile MNIST — LeNet-5 (${o.model}) on backend '${backend}'`);
  log(describeBackends(imports).join('\n'));
  log(
    `recipe: ${o.epochs} epochs, batch ${o.batchSize}, ${o.optimizer} lr ${o.lr}${o.lrDecay === 1 ? '' : ` (x${o.lrDecay} per epoch)`}, seed ${o.seed}` +
      (o.switchBackendAt ? `, switch to '${o.switchBackendAt.backend}' after epoch ${o.switchBackendAt.epoch}` : ''),
  );

  const { train } = await import('./train.js');
  const r = await train(o, { log });

  log();
  log('per epoch:');
  for (const line of epochTable(r)) log(`  ${line}`);
  log();
  log(
    `test accuracy: ${(r.testAccuracy * 100).toFixed(2)}% (${r.confusion.correct}/${r.confusion.total}), test loss ${r.testLoss.toFixed(4)}`,
  );
  log('confusion matrix (rows: true digit, columns: predicted):');
  log(formatConfusion(r.confusion));
  const totalTrain = r.epochs.reduce((a, e) => a + r.trainSamples / e.samplesPerSec, 0);
  const rate = (r.trainSamples * r.epochs.length) / totalTrain;
  log();
  log(
    `throughput: ${Math.round(rate).toLocaleString('en-US')} training samples/s; training ${fmtSeconds(r.trainSeconds)} (incl. validation), test ${fmtSeconds(r.evalSeconds)}`,
  );

  const backends = [...new Set(r.epochs.map((e) => e.backend))];
  await writeRun(dir, o, r, backends);
  r.model.dispose();
  log(`wrote ${dir}/ (model.json + weights, history.json, curves.svg)`);
  log(`total time: ${fmtSeconds((performance.now() - t0) / 1000)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A GPU device or a wasm thread pool can keep the event loop alive after the run.
    process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`mnist: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
