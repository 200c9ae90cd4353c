import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { STAGES, type ProspectQuestion } from '../../shared/schemas/index.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';
import { questionsForConfig } from '../questions-files.ts';

const MESSAGES = {
  noConfig: (dir: string) => `no config file: pass --config F (no zmot.config.json in ${dir})`,
  header: (n: number, file: string) => `${n} prospect question${n === 1 ? '' : 's'} from ${file}`,
  stage: (stage: string, n: number) => `${stage} (${n})`,
  none: '  (none)',
  skipped: (n: number) => `${n} imported row${n === 1 ? '' : 's'} skipped:`,
};

/** The config file a command reads: --config, else zmot.config.json in the current folder. */
export async function resolveConfigPath(option: string | undefined): Promise<string> {
  if (option) return option;
  const fallback = path.resolve('zmot.config.json');
  try {
    await access(fallback);
    return fallback;
  } catch {
    throw new UsageError(MESSAGES.noConfig(process.cwd()));
  }
}

interface QuestionsOptions {
  config?: string;
  json?: boolean;
}

function row(q: ProspectQuestion): string {
  const weight = Number.isInteger(q.weight) ? String(q.weight) : q.weight.toFixed(2);
  const meta = [q.source.padEnd(14), `w ${weight}`.padEnd(9), (q.lang ?? '').padEnd(3), (q.persona ?? '').padEnd(12)].join(' ');
  return `  ${c.dim(meta)} ${safe(q.text, 160)} ${c.dim(`[${safe(q.id, 80)}]`)}`;
}

export default function register(program: Command) {
  program
    .command('questions')
    .description("The effective prospect questions: the config's, its question files' and the templates', each with its stage and source.")
    .option('-c, --config <file>', 'zmot config file (JSON); default: ./zmot.config.json')
    .option('--json', 'print machine-readable JSON')
    .action(async (opts: QuestionsOptions) => {
      const file = await resolveConfigPath(opts.config);
      const config = await loadConfig(file);
      const { questions, skipped } = await questionsForConfig(config, file);
      if (opts.json) {
        printJson({ config: path.resolve(file), questions, skipped });
        return;
      }
      const out = [c.bold(MESSAGES.header(questions.length, safe(file, 200)))];
      for (const stage of STAGES) {
        const list = questions.filter((q) => q.stage === stage);
        out.push('', c.bold(MESSAGES.stage(stage, list.length)));
        out.push(...(list.length ? list.map(row) : [c.dim(MESSAGES.none)]));
      }
      if (skipped.length) {
        out.push('', c.yellow(MESSAGES.skipped(skipped.length)));
        for (const s of skipped.slice(0, 50)) out.push(c.dim(`  ${safe(s.file, 120)}:${s.line}  ${safe(s.text, 80)} — ${safe(s.reason, 120)}`));
        if (skipped.length > 50) out.push(c.dim(`  … and ${skipped.length - 50} more (see --json)`));
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
