// Worker-thread bootstrap: loader hooks are per thread, so the worker registers tsx itself before
// loading the TypeScript worker. Plain JavaScript on purpose: it runs before any TS loader exists.
import { parentPort, workerData } from 'node:worker_threads';

try {
  const { register } = await import(workerData.tsxApi);
  register();
  await import(workerData.entry);
} catch (e) {
  parentPort.postMessage({ fatal: String((e && e.stack) || e) });
}
