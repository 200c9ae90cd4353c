import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.ts';
import { safe } from './format.ts';
import { commandsFor, type RegisterCommand } from './commands/index.ts';
import { VERSION } from './version.ts';

/** A fresh `zmot` program with these subcommands registered, errors thrown instead of exiting. */
function program(commands: RegisterCommand[]): Command {
  const zmot = new Command('zmot')
    .description('ZMOT Lens: how visible a brand is when prospects search, before they talk to a seller.')
    .version(VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of commands) register(zmot);
  return zmot;
}

/**
 * The outcome of one run: its exit code, and whether the process should exit now — after an error
 * (already printed as one line) or help/version — rather than when the command's work is done.
 */
export interface CliOutcome {
  code: number;
  exitNow: boolean;
}

function fail(message: string, code: number): CliOutcome {
  // Messages can quote input (a file name, a key of a hostile report): no control or bidi characters reach the terminal.
  process.stderr.write(`zmot: ${safe(message.replace(/\s+/g, ' ').trim(), 2_000)}\n`);
  return { code, exitNow: true };
}

/**
 * Runs `zmot` with these arguments (`process.argv` form: node, script, then the user's) and returns
 * its exit code: 0, what the command set (`process.exitCode`), or the code of the one-line error it
 * printed — 2 for bad input, 3 for an internal error. Never throws. The `zmot` binary is this plus
 * `process.exit`; tests call it in-process.
 */
export async function runCli(argv: string[]): Promise<CliOutcome> {
  try {
    await program(await commandsFor(argv.slice(2))).parseAsync(argv);
    return { code: typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok, exitNow: false };
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return { code: EXIT.ok, exitNow: true };
      return fail(e.message.replace(/^error: /, ''), EXIT.badInput);
    }
    if (e instanceof UsageError) return fail(e.message, EXIT.badInput);
    if (e && typeof e === 'object' && 'exitCode' in e && typeof e.exitCode === 'number') return fail(String((e as unknown as Error).message), e.exitCode);
    // An unexpected failure is still one line; ZMOT_DEBUG=1 shows the stack for us.
    if (process.env.ZMOT_DEBUG) console.error(e);
    return fail(`internal error: ${e instanceof Error ? e.message : String(e)} (set ZMOT_DEBUG=1 for details)`, 3);
  }
}
