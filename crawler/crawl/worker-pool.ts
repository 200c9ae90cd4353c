import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { setV8FlagUnlessGiven } from '../v8-flags.ts';
import type { PageJob, PageOutput } from './page-processor.ts';
import type { PageWorkerSettings } from './page-worker.ts';
import { pageWorkerBundle } from './worker-bundle.ts';

export const WORKER_ERRORS = {
  crashed: (why: string) => `page worker stopped: ${why}`,
  failedToStart: (why: string) => `page workers could not start: ${why}`,
  timedOut: (seconds: number) => `extraction took longer than ${seconds}s and was stopped`,
};

/** A page whose processing did not finish in time: recorded as such, never retried on the main thread. */
export class PageJobTimeoutError extends Error {
  constructor(seconds: number) {
    super(WORKER_ERRORS.timedOut(seconds));
    this.name = 'PageJobTimeoutError';
  }
}

/** Longest a page may take to extract and score (pathological markup must not stall the crawl). */
export const PAGE_JOB_TIMEOUT_MS = 60_000;

/** tsx's ESM API (the `import` condition: the CommonJS build cannot register ESM hooks). */
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
}

/** The process's Node options without a tsx loader (`--import tsx` under vitest or `node --import tsx`): the bundle needs none. */
function withoutTsx(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const flag = /^--(import|require|loader|experimental-loader)(=(.*))?$/.exec(a);
    if (flag && !flag[2] && /tsx/.test(argv[i + 1] ?? '')) i++;
    else if (!(flag && flag[2] && /tsx/.test(flag[3]))) out.push(a);
  }
  return out;
}

/**
 * A worker on the bundle. It inherits the process's Node options (as a worker does by default) unless they
 * load tsx, which the bundle does not need; a worker refuses some options given explicitly (V8 flags), and
 * then inherits them all after all.
 */
function bundledWorker(bundle: string, options: WorkerOptions): Worker {
  const execArgv = withoutTsx(process.execArgv);
  if (execArgv.length === process.execArgv.length) return new Worker(bundle, options);
  try {
    return new Worker(bundle, { ...options, execArgv });
  } catch {
    return new Worker(bundle, options);
  }
}

interface Pending {
  resolve(out: PageOutput): void;
  reject(e: Error): void;
  job: PageJob;
  /** This job's budget (the pool's unless the caller gave one). */
  timeoutMs: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, Pending>;
}

/** Heap limits per worker (MB): enough for a 10 MB page's DOM, small enough that garbage does not pile up. */
const WORKER_OLD_GENERATION_MB = 192;
const WORKER_YOUNG_GENERATION_MB = 16;

/**
 * V8's tier-up budget (bytecode executed before a function is considered for optimization), raised 4× from
 * Node 20's default (67,584) for the crawl: a page runs hundreds of distinct functions (extraction, every audit,
 * the classifiers), and with the default budget TurboFan kept compiling ~2 more of them per page through a
 * whole 500-page crawl (1,195 optimizations, `--trace-opt`), ~5 ms of the GC/compiler helper threads' CPU per
 * page. With the higher budget only the really hot ones are optimized: whole-process CPU per page −10% in
 * the same runs (BENCHMARKS.md, "Crawl CPU per page"). Process-wide (V8 flags are), set once when the first
 * pool starts, before its workers' isolates exist; a budget given on the command line or in NODE_OPTIONS wins.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/** Jobs each worker holds at once: one running, one waiting, so a worker never idles between pages. */
const PER_WORKER = 2;

/** A fixed pool of page workers; a crashed worker is replaced and its jobs fail as data, not as a crash. */
export class PageWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ id: number } & Pending> = [];
  private nextId = 1;
  private closed = false;
  /** The page worker bundled as plain JavaScript (worker-bundle.ts); null: the TypeScript through tsx. */
  private bundle: string | null = null;
  /** The page audits the workers run (from their first ready message). */
  auditIds: string[] | null = null;

  private constructor(
    private readonly size: number,
    private readonly settings: PageWorkerSettings,
    private readonly jobTimeoutMs: number,
  ) {}

  static async start(size: number, settings: PageWorkerSettings, jobTimeoutMs = PAGE_JOB_TIMEOUT_MS): Promise<PageWorkerPool> {
    setV8FlagUnlessGiven('interrupt-budget', INTERRUPT_BUDGET);
    const pool = new PageWorkerPool(size, settings, jobTimeoutMs);
    pool.bundle = await pageWorkerBundle();
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (e) {
      await pool.close();
      throw new Error(WORKER_ERRORS.failedToStart((e as Error).message));
    }
    return pool;
  }

  private spawn(): Promise<Slot> {
    // A small heap keeps the crawl's memory flat; a page too big for it is processed on the main thread.
    const limits = { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    // The bundle runs as it is; the TypeScript needs a bootstrap that registers tsx in the thread first.
    const worker = this.bundle
      ? bundledWorker(this.bundle, { workerData: { settings: this.settings }, resourceLimits: limits })
      : new Worker(new URL('./page-worker.boot.mjs', import.meta.url), {
          workerData: { tsxApi: tsxApiUrl(), entry: pathToFileURL(fileURLToPath(new URL('./page-worker.ts', import.meta.url))).href, settings: this.settings },
          resourceLimits: limits,
        });
    const slot: Slot = { worker, busy: 0, pending: new Map() };
    return new Promise<Slot>((resolve, reject) => {
      let ready = false;
      worker.on('message', (msg: { ready?: boolean; audits?: string[]; fatal?: string; id?: number; out?: PageOutput; error?: string }) => {
        if (msg.ready) {
          ready = true;
          this.auditIds ??= msg.audits ?? null;
          this.slots.push(slot);
          resolve(slot);
          this.dispatch();
          return;
        }
        if (msg.fatal) {
          if (!ready) reject(new Error(msg.fatal.split('\n')[0]));
          return;
        }
        const p = msg.id !== undefined ? slot.pending.get(msg.id) : undefined;
        if (!p) return;
        clearTimeout(p.timer);
        slot.pending.delete(msg.id!);
        slot.busy--;
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.out!);
        this.dispatch();
      });
      worker.on('error', (e) => {
        if (!ready) reject(e);
        else this.replace(slot, e);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`exited with code ${code}`));
        else if (!this.closed) this.replace(slot, new Error(`exited with code ${code}`));
      });
    });
  }

  private replace(slot: Slot, e: Error, timedOut?: number) {
    const i = this.slots.indexOf(slot);
    if (i === -1) return;
    this.slots.splice(i, 1);
    for (const [id, p] of slot.pending) {
      clearTimeout(p.timer);
      p.reject(id === timedOut ? new PageJobTimeoutError(p.timeoutMs / 1000) : new Error(WORKER_ERRORS.crashed(e.message)));
    }
    slot.pending.clear();
    void slot.worker.terminate().catch(() => {});
    if (this.closed) return;
    void this.spawn().catch(() => {
      // No worker left to run the queue: hand the jobs back (the engine processes them itself).
      if (this.slots.length) return;
      for (const task of this.queue.splice(0)) task.reject(new Error(WORKER_ERRORS.crashed(e.message)));
    });
  }

  private dispatch() {
    while (this.queue.length) {
      const slot = this.slots.filter((s) => s.busy < PER_WORKER).sort((a, b) => a.busy - b.busy)[0];
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.busy++;
      slot.pending.set(task.id, task);
      task.timer = setTimeout(() => this.replace(slot, new Error('timed out'), task.id), task.timeoutMs);
      slot.worker.postMessage({ id: task.id, job: task.job });
    }
  }

  /**
   * Runs one page job on a worker. Rejects if the worker dies mid-job, or with PageJobTimeoutError when it
   * runs past `timeoutMs` (the pool's budget unless given).
   */
  run(job: PageJob, options: { timeoutMs?: number } = {}): Promise<PageOutput> {
    if (this.closed) return Promise.reject(new Error(WORKER_ERRORS.crashed('pool closed')));
    const timeoutMs = options.timeoutMs ?? this.jobTimeoutMs;
    return new Promise<PageOutput>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  get workers(): number {
    return this.size;
  }

  async close() {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
    this.slots.length = 0;
  }
}
