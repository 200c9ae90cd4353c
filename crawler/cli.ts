import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.ts';
import { safe } from './format.ts';
import { COMMANDS } from './commands/index.ts';
import { VERSION } from './version.ts';

const program = new Command('zmot')
  .description('ZMOT Lens: how visible a brand is when prospects search, before they talk to a seller.')
  .version(VERSION)
  .showHelpAfterError(false)
  .exitOverride()
  .configureOutput({ outputError: () => {} });

for (const register of COMMANDS) register(program);

function fail(message: string, code: number): never {
  // Messages can quote input (a file name, a key of a hostile report): no control or bidi characters reach the terminal.
  process.stderr.write(`zmot: ${safe(message.replace(/\s+/g, ' ').trim(), 2_000)}\n`);
  process.exit(code);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(EXIT.ok);
    fail(e.message.replace(/^error: /, ''), EXIT.badInput);
  }
  if (e instanceof UsageError) fail(e.message, EXIT.badInput);
  if (e && typeof e === 'object' && 'exitCode' in e && typeof e.exitCode === 'number') fail(String((e as unknown as Error).message), e.exitCode);
  // An unexpected failure is still one line; ZMOT_DEBUG=1 shows the stack for us.
  if (process.env.ZMOT_DEBUG) console.error(e);
  fail(`internal error: ${e instanceof Error ? e.message : String(e)} (set ZMOT_DEBUG=1 for details)`, 3);
}
