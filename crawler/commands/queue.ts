import type { Command } from 'commander';
import { c, printJson, safe } from '../format.ts';
import type { CrawlQueueStatus } from '../distributed/status.ts';

const MESSAGES = {
  none: (shown: string) => `No crawls in ${shown}.`,
  header: 'crawl  status  queued  active  done  failed  start URL',
};

export default function register(program: Command) {
  const queue = program.command('queue').description('Distributed crawls in a Redis queue.');
  queue
    .command('status')
    .description('List the crawls in a Redis with their queued / active / done / failed page counts.')
    .argument('<redis-url>', 'redis://host:port/db')
    .option('--json', 'print the list as JSON')
    .action(async (raw: string, opts: { json?: boolean }) => {
      const { parseQueueUrl, checkReachable, connect } = await import('../distributed/connection.ts');
      const { queueStatus } = await import('../distributed/status.ts');
      const target = parseQueueUrl(raw);
      await checkReachable(target);
      const redis = connect(target);
      let rows: CrawlQueueStatus[];
      try {
        rows = await queueStatus(redis);
      } finally {
        redis.disconnect();
      }
      if (opts.json) return printJson(rows);
      if (!rows.length) return void process.stdout.write(`${MESSAGES.none(target.shown)}\n`);
      const lines = rows.map((r) => [safe(r.crawl, 80), r.status, r.queued, r.active, r.done, r.failed, safe(r.startUrl, 300)].join('  '));
      process.stdout.write(`${c.bold(MESSAGES.header)}\n${lines.join('\n')}\n`);
    });
}
