import type { Command } from 'commander';
import ci from './ci.ts';
import demo from './demo.ts';
import page from './page.ts';

/** Each subcommand registers itself on the program; one file per subcommand. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [page, demo, ci];
