import type { Command } from 'commander';

/** Each subcommand registers itself on the program; one file per subcommand. */
export type RegisterCommand = (program: Command) => void;

type CommandModule = () => Promise<{ default: RegisterCommand }>;

/**
 * The subcommands by name, in the order `zmot --help` lists them, each loaded only when needed: a command
 * loads its own modules and not the others' (`zmot crawl` neither the report writers nor jsdom, Redis or
 * the sentence model), which is most of a short command's start-up CPU and memory.
 */
export const COMMAND_MODULES: Array<[name: string, load: CommandModule]> = [
  ['page', () => import('./page.ts')],
  ['crawl', () => import('./crawl.ts')],
  ['report', () => import('./report.ts')],
  ['demo', () => import('./demo.ts')],
  ['ci', () => import('./ci.ts')],
  ['serp', () => import('./serp.ts')],
  ['classify', () => import('./classify.ts')],
  ['questions', () => import('./questions.ts')],
  ['history', () => import('./history.ts')],
  ['compare', () => import('./compare.ts')],
  ['worker', () => import('./worker.ts')],
  ['queue', () => import('./queue.ts')],
];

/**
 * The register functions a run needs: only the named command's when the arguments name one (the first
 * argument that is not an option), every command's otherwise (`zmot --help`, `zmot help crawl`, a mistyped
 * command, which commander answers with the list).
 */
export async function commandsFor(args: string[]): Promise<RegisterCommand[]> {
  const first = args.find((a) => !a.startsWith('-'));
  const named = COMMAND_MODULES.find(([name]) => name === first);
  const wanted = named ? [named] : COMMAND_MODULES;
  return (await Promise.all(wanted.map(([, load]) => load()))).map((m) => m.default);
}
