import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../demo/server.ts';
import { c, printJson } from '../format.ts';
import { runSiteJob } from '../job.ts';

interface DemoOptions {
  out: string;
  json?: boolean;
  keepServing?: boolean;
}

export default function register(program: Command) {
  program
    .command('demo')
    .description('Serve the bundled demo site on 127.0.0.1, crawl and score it, and write the reports.')
    .option('-o, --out <dir>', 'where to write the reports', 'zmot-report/demo')
    .option('--json', 'print the summary as JSON')
    .option('--keep-serving', 'keep the demo site up after the crawl (Ctrl-C to stop)')
    .action(async (opts: DemoOptions) => {
      const config = await loadConfig(DEMO_CONFIG);
      const server = await serveDemo();
      try {
        if (!opts.json) process.stderr.write(`Demo site (Brand: ${config.brand.name}) served at ${server.origin}/\n`);
        const { report, files } = await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: opts.out });
        if (opts.json) {
          printJson({ origin: server.origin, pages: report.pages.length, scores: report.scores, files: files.map((f) => path.resolve(f)) });
        } else {
          const s = report.scores;
          process.stdout.write(`${c.bold('ZMOT Lens demo')}: ${report.pages.length} pages crawled from ${server.origin}/\n`);
          if (s) process.stdout.write(`ZMOT score ${Math.round(s.zmot)}/100 · interest ${fmt(s.stages.interest)} · comparison ${fmt(s.stages.comparison)} · purchase ${fmt(s.stages.purchase)}\n`);
          process.stdout.write(`Reports written:\n${files.map((f) => `  ${path.resolve(f)}`).join('\n')}\n`);
        }
        if (opts.keepServing) {
          process.stderr.write(`Still serving ${server.origin}/ — Ctrl-C to stop.\n`);
          await new Promise(() => {});
        }
      } finally {
        await server.close();
      }
    });
}

function fmt(n: number | null): string {
  return n === null ? '–' : String(Math.round(n));
}
