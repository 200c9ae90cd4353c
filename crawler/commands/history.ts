import type { Command } from 'commander';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';
import { changeLine, diffRuns } from '../history/diff.ts';
import { HistoryStore, historyFileFor } from '../history/index.ts';

const MESSAGES = {
  noHistory: 'no history to read: give --history DIR or a --config whose `history` names one',
  empty: (file: string) => `No runs recorded in ${file} yet.`,
  needTwo: 'diff needs two runs: record at least two, or name them (zmot history diff A B)',
};

interface HistoryCliOptions {
  config?: string;
  history?: string;
  json?: boolean;
}

async function historyFile(opts: HistoryCliOptions): Promise<string> {
  if (opts.history) return historyFileFor(opts.history);
  if (opts.config) {
    const config = await loadConfig(opts.config);
    if (config.history) return historyFileFor(config.history);
  }
  throw new UsageError(MESSAGES.noHistory);
}

const r = (n: number | null) => (n == null ? '–' : String(Math.round(n)));

export default function register(program: Command) {
  const history = program
    .command('history')
    .description('List the runs recorded in the project history (zmot crawl/ci/report --history DIR).')
    .option('-c, --config <file>', 'config file whose `history` names the history folder')
    .option('--history <dir>', 'history folder (or .sqlite file)')
    .option('--json', 'print the runs as JSON')
    .action(async (opts: HistoryCliOptions) => {
      const store = HistoryStore.open(await historyFile(opts), { readonly: true });
      try {
        const runs = store.runs();
        if (opts.json) return printJson({ file: store.file, runs });
        if (!runs.length) return void process.stdout.write(`${MESSAGES.empty(store.file)}\n`);
        process.stdout.write(`${c.bold(`${runs.length} run(s) in ${safe(store.file, 300)}`)}\n`);
        process.stdout.write(c.dim('   id  recorded (UTC)     command  site                                ZMOT  int  cmp  pur  pages  answered  gaps  config\n'));
        for (const x of runs) {
          const cols = [
            String(x.id).padStart(5),
            x.recordedAt.slice(0, 16).replace('T', ' ').padEnd(17),
            x.command.padEnd(7),
            safe(x.site, 34).padEnd(34),
            r(x.zmot).padStart(5),
            r(x.stages.interest).padStart(4),
            r(x.stages.comparison).padStart(4),
            r(x.stages.purchase).padStart(4),
            String(x.pages).padStart(6),
            `${x.answered}/${x.questions}`.padStart(9),
            String(x.gaps).padStart(5),
            x.configHash.slice(0, 8),
          ];
          process.stdout.write(`${cols.join('  ')}\n`);
        }
      } finally {
        store.close();
      }
    });

  history
    .command('diff')
    .description('Explain what changed between two recorded runs, per question, most important first (default: the last two).')
    .argument('[a]', 'earlier run: an id, last or last~N', 'last~1')
    .argument('[b]', 'later run: an id, last or last~N', 'last')
    .option('-c, --config <file>', 'config file whose `history` names the history folder')
    .option('--history <dir>', 'history folder (or .sqlite file)')
    .option('--json', 'print the differences as JSON')
    .action(async (a: string, b: string, opts: HistoryCliOptions) => {
      // Options given before `diff` belong to the parent command.
      const merged = { ...history.opts<HistoryCliOptions>(), ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as HistoryCliOptions;
      const store = HistoryStore.open(await historyFile(merged), { readonly: true });
      let d: ReturnType<typeof diffRuns>;
      try {
        if (store.runs().length < 2 && (a === 'last~1' || b === 'last~1')) throw new UsageError(MESSAGES.needTwo);
        d = diffRuns(store.load(a), store.load(b));
      } finally {
        store.close();
      }
      if (merged.json) return printJson(d);
      const out: string[] = [];
      out.push(c.bold(`Run #${d.from.id} (${d.from.recordedAt.slice(0, 16).replace('T', ' ')}) → run #${d.to.id} (${d.to.recordedAt.slice(0, 16).replace('T', ' ')})`));
      if (d.from.site !== d.to.site) out.push(c.yellow(`  note: the runs are of different sites (${safe(d.from.site, 100)} / ${safe(d.to.site, 100)})`));
      out.push(`  ZMOT ${r(d.scores.zmot[0])} → ${r(d.scores.zmot[1])} · ${(['interest', 'comparison', 'purchase'] as const).map((s) => `${s} ${r(d.scores.stages[s][0])} → ${r(d.scores.stages[s][1])}`).join(' · ')}`);
      const s = d.site;
      if (s.configChanged) out.push('  config changed');
      if (s.pagesAdded.length) out.push(`  pages added (${s.pagesAdded.length}): ${safe(s.pagesAdded.slice(0, 10).join(', '), 600)}`);
      if (s.pagesRemoved.length) out.push(`  pages removed (${s.pagesRemoved.length}): ${safe(s.pagesRemoved.slice(0, 10).join(', '), 600)}`);
      if (s.noindexAdded.length) out.push(`  noindex added: ${safe(s.noindexAdded.slice(0, 10).join(', '), 600)}`);
      if (s.noindexRemoved.length) out.push(`  noindex removed: ${safe(s.noindexRemoved.slice(0, 10).join(', '), 600)}`);
      out.push(d.questions.length ? c.bold(`${d.questions.length} question(s) changed, most important first:`) : 'No question changed.');
      for (const q of d.questions) {
        const mark = q.kind === 'gained' || q.kind === 'better' ? c.green('▲') : q.kind === 'lost' || q.kind === 'worse' ? c.red('▼') : '•';
        out.push(`  ${mark} ${safe(changeLine(q), 600)}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
