import type { Command } from 'commander';
import { classifyQuery } from '../../shared/classify/query-stage.ts';
import { isLanguageTag } from '../../shared/language-tag.ts';
import type { QueryClassification } from '../../shared/schemas/classify.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { c, pct, printJson, safe } from '../format.ts';

const MESSAGES = {
  badLang: (lang: string) => `--lang must be a language code such as en, fr or pt-BR, got: ${lang}`,
  line: (r: QueryClassification) => `${r.stage} · confidence ${pct(r.confidence)}% · lang ${r.lang} · Broder ${r.broder}`,
  noSignal: 'no signal',
};

const STAGE_COLOUR = { interest: c.green, comparison: c.yellow, purchase: c.red, navigational: c.dim } as const;

interface ClassifyOptions {
  json?: boolean;
  lang?: string;
  config?: string;
}

export default function register(program: Command) {
  program
    .command('classify')
    .description('Stage of search queries (interest, comparison, purchase or navigational), with a confidence and the signals that decided it.')
    .argument('<query...>', 'one or more queries (quote each one)')
    .option('--json', 'print machine-readable JSON')
    .option('--lang <code>', 'language of the queries (default: detected per query)')
    .option('-c, --config <file>', "zmot config file: its brand and competitors make their names navigational")
    .action(async (queries: string[], opts: ClassifyOptions) => {
      if (opts.lang !== undefined && !isLanguageTag(opts.lang)) throw new UsageError(MESSAGES.badLang(opts.lang));
      const config = opts.config ? await loadConfig(opts.config) : null;
      const options = {
        lang: opts.lang,
        brandNames: config ? [config.brand.name, ...config.products, ...config.competitors.map((x) => x.name)] : [],
        brandDomains: config ? [...config.brand.domains, ...config.competitors.flatMap((x) => x.domains)] : [],
      };
      const results = queries.map((q) => classifyQuery(q, options));
      if (opts.json) {
        printJson(results);
        return;
      }
      const out: string[] = [];
      for (const r of results) {
        out.push(`${c.bold(safe(r.query, 200) || '""')}  →  ${STAGE_COLOUR[r.stage](MESSAGES.line(r))}`);
        const signals = r.signals.map((s) => `${s.stage}: "${safe(s.signal, 80)}" (${s.source}, ${s.weight})`);
        out.push(c.dim(`    ${signals.length ? signals.join(' · ') : MESSAGES.noSignal}`));
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
