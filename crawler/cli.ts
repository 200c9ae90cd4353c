import { runCli } from './main.ts';

// After an error (printed as one line), help or version: exit at once, so open handles cannot keep the process alive.
// A finished command exits when its work is done, with the code it set.
const outcome = await runCli(process.argv);
if (outcome.exitNow) process.exit(outcome.code);
