import type { Command } from 'commander';
import { EXIT, UsageError } from '../errors.ts';
import { safe } from '../format.ts';

const MESSAGES = {
  badNumber: (flag: string, value: string) => `${flag} must be a whole number from 1 to 256, got: ${value}`,
  badLock: (value: string) => `--lock-ms must be a whole number of milliseconds from 500 to 600000, got: ${value}`,
  started: (shown: string, n: number) => `zmot worker: waiting for page jobs on ${shown} (${n} page(s) at once over all crawls; Ctrl-C to stop)`,
  stopping: 'Stopping: finishing the pages in hand (Ctrl-C again to quit now)…',
};

function bounded(value: string, min: number, max: number, error: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(error);
  return n;
}

export default function register(program: Command) {
  program
    .command('worker')
    .description('Fetch, extract and audit the pages of distributed crawls (`zmot crawl <url> --queue …`) from a Redis queue.')
    .requiredOption('--queue <redis-url>', 'the Redis the coordinators use (redis://host:port/db)')
    .option('--concurrency <n>', 'pages processed at once by this worker, over all the crawls it serves', '8')
    .option('--lock-ms <ms>', 'a page whose worker stops answering goes to another worker after this', '30000')
    .action(async (opts: { queue: string; concurrency: string; lockMs: string }) => {
      const concurrency = bounded(opts.concurrency, 1, 256, MESSAGES.badNumber('--concurrency', opts.concurrency));
      const lockMs = bounded(opts.lockMs, 500, 600_000, MESSAGES.badLock(opts.lockMs));
      const { parseQueueUrl, checkReachable, watchRedisWhileStopping, QUEUE_ERRORS } = await import('../distributed/connection.ts');
      const target = parseQueueUrl(opts.queue);
      await checkReachable(target);
      const { startWorker } = await import('../distributed/worker.ts');
      const log = (line: string) => process.stderr.write(`${safe(line, 500)}\n`);
      const handle = await startWorker(target, { concurrency, lockMs, log });
      log(MESSAGES.started(target.shown, concurrency));
      await new Promise<void>((resolve) => {
        let count = 0;
        const onSignal = () => {
          if (++count > 1) process.exit(130);
          log(MESSAGES.stopping);
          // Without Redis a clean stop would wait for it forever: one line, exit 2.
          const stopWatching = watchRedisWhileStopping(handle.redisReady, () => {
            process.stderr.write(`zmot: ${QUEUE_ERRORS.lost(target.shown, QUEUE_ERRORS.lostAtStop)}\n`);
            process.exit(EXIT.badInput);
          });
          void handle.close().then(() => {
            stopWatching();
            resolve();
          });
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
    });
}
