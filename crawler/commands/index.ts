import type { Command } from 'commander';
import ci from './ci.ts';
import classify from './classify.ts';
import crawl from './crawl.ts';
import compare from './compare.ts';
import demo from './demo.ts';
import history from './history.ts';
import page from './page.ts';
import queue from './queue.ts';
import questions from './questions.ts';
import report from './report.ts';
import serp from './serp.ts';
import worker from './worker.ts';

/** Each subcommand registers itself on the program; one file per subcommand. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [page, crawl, report, demo, ci, serp, classify, questions, history, compare, worker, queue];
