import { fork, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LighthouseFigures } from '../../shared/schemas/index.ts';
import type { FromWorker, ToWorker, WorkerSettings } from './worker.ts';
import { chooseSample } from './template.ts';

export { chooseSample, templateOf } from './template.ts';

const Messages = {
  timeout: (s: number) => `Lighthouse did not finish within ${s} s`,
  workerDied: (detail: string) => `Lighthouse worker stopped: ${detail}`,
  templateFailed: 'Lighthouse failed on every sampled page of this template',
};

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');
/** tsx's loader by absolute URL: the worker is TypeScript, and `--import tsx` would resolve from the user's cwd. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const DEFAULT_TIMEOUT_MS = 120_000;
const STDERR_TAIL = 2_000;

export interface LighthouseSampleOptions {
  /** How many pages to run Lighthouse on. */
  count: number;
  /** Parallel Lighthouse workers (each with its own Chromium); capped by the machine's cores. */
  concurrency?: number;
  formFactor?: WorkerSettings['formFactor'];
  /** Per-page limit; a page over it is recorded as failed and its worker replaced. */
  timeoutMs?: number;
  /** Extra Chromium flags for every worker's browser (the guard proxy that keeps pages out of private networks). */
  chromiumArgs?: string[];
  /** Called after each measured page (for progress output). */
  onPage?: (url: string, figures: LighthouseFigures, seconds: number) => void;
}

/** Lighthouse is CPU-bound: more workers than cores only slows every run down and skews its figures. */
export function workerCount(requested: number | undefined, jobs: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(Math.floor(requested ?? 1) || 1, cores, Math.max(1, jobs)));
}

interface Job {
  id: number;
  url: string;
}

/** A forked worker process and the Chromium it launched (so a hung run can be cleaned up from here). */
class Worker {
  private child: ChildProcess;
  private browserPid: number | null = null;
  private userDataDir: string | null = null;
  private stderr = '';
  private pending: { id: number; resolve: (m: { figures: LighthouseFigures; seconds: number }) => void; timer: NodeJS.Timeout } | null = null;
  readonly ready: Promise<void>;

  constructor(
    private readonly timeoutMs: number,
    chromiumArgs: string[] = [],
  ) {
    this.child = fork(WORKER, [], {
      execArgv: ['--import', TSX_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      env: { ...process.env, ZMOT_CHROMIUM_ARGS: JSON.stringify(chromiumArgs) },
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-STDERR_TAIL);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.child.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          this.browserPid = m.browserPid;
          this.userDataDir = m.userDataDir;
          resolve();
        } else if (m.type === 'fatal') reject(new Error(m.message));
        else if (m.type === 'result' && this.pending?.id === m.id) this.settle({ figures: m.figures, seconds: m.seconds });
      });
      this.child.on('exit', (code, signal) => {
        const detail = this.lastError() ?? `exit ${signal ?? code}`;
        reject(new Error(detail));
        if (this.pending) this.settle({ figures: failedFigures(Messages.workerDied(detail)), seconds: 0 });
      });
    });
    // Rejections surface through run(); keep an unobserved one from crashing the process.
    this.ready.catch(() => {});
  }

  private lastError(): string | null {
    const line = this.stderr.trim().split('\n').filter(Boolean).at(-1);
    return line ? line.slice(0, 300) : null;
  }

  private settle(result: { figures: LighthouseFigures; seconds: number }): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(result);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  run(job: Job, settings: WorkerSettings): Promise<{ figures: LighthouseFigures; seconds: number }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ figures: failedFigures(Messages.timeout(Math.round(this.timeoutMs / 1000))), seconds: this.timeoutMs / 1000 });
        void this.kill();
      }, this.timeoutMs);
      this.pending = { id: job.id, resolve, timer };
      const message: ToWorker = { type: 'run', id: job.id, url: job.url, settings };
      this.child.send(message, (err) => {
        if (err) this.settle({ figures: failedFigures(Messages.workerDied(err.message)), seconds: 0 });
      });
    });
  }

  /** Asks the worker to close its browser; after a grace period, kills it and the browser it started. */
  async close(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      this.child.send({ type: 'close' } satisfies ToWorker, () => {});
      const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref())]);
      if (!timedOut) return;
    }
    await this.kill();
  }

  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    if (this.browserPid) {
      try {
        process.kill(this.browserPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      this.browserPid = null;
    }
    if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true }).catch(() => {});
  }
}

function failedFigures(message: string): LighthouseFigures {
  return { performance: null, seo: null, lcpMs: null, cls: null, tbtMs: null, accessibility: null, accessibilityFailures: [], totalBytes: null, inheritedFrom: null, template: null, errorMessage: message };
}

/** The sample whose figures stand for its template: the successful one with the median performance. */
function representative(samples: Array<{ url: string; figures: LighthouseFigures }>): { url: string; figures: LighthouseFigures } | null {
  const ok = samples.filter((s) => !s.figures.errorMessage && s.figures.performance !== null);
  if (!ok.length) return null;
  ok.sort((a, b) => (a.figures.performance ?? 0) - (b.figures.performance ?? 0));
  return ok[Math.floor((ok.length - 1) / 2)];
}

/**
 * Runs real Lighthouse (performance and SEO) on `count` pages chosen to cover the templates, in
 * parallel worker processes. Returns figures for sampled pages (measured; a failure is recorded on
 * its page as errorMessage) and for the other pages of sampled templates (inherited, `inheritedFrom`
 * naming the measured page). Pages of templates left unsampled get no entry.
 */
export async function runLighthouseSample(
  pages: Array<{ url: string; template: string }>,
  options: LighthouseSampleOptions,
): Promise<Map<string, LighthouseFigures>> {
  const out = new Map<string, LighthouseFigures>();
  const sample = chooseSample(pages, options.count);
  if (!sample.length) return out;
  const templateOfUrl = new Map(pages.map((p) => [p.url, p.template]));
  const settings: WorkerSettings = { formFactor: options.formFactor ?? 'mobile' };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const queue: Job[] = sample.map((url, id) => ({ id, url }));
  const measured = new Map<string, LighthouseFigures>();

  const drain = async (): Promise<void> => {
    let worker: Worker | null = null;
    try {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (!worker || !worker.alive) {
          await worker?.kill();
          worker = new Worker(timeoutMs, options.chromiumArgs);
          try {
            await worker.ready;
          } catch (e) {
            measured.set(job.url, failedFigures(Messages.workerDied((e as Error).message)));
            await worker.kill();
            worker = null;
            continue;
          }
        }
        const { figures, seconds } = await worker.run(job, settings);
        const withTemplate = { ...figures, template: templateOfUrl.get(job.url) ?? null };
        measured.set(job.url, withTemplate);
        options.onPage?.(job.url, withTemplate, seconds);
      }
    } finally {
      await worker?.close();
    }
  };
  await Promise.all(Array.from({ length: workerCount(options.concurrency, sample.length) }, () => drain()));

  for (const url of sample) out.set(url, measured.get(url) ?? failedFigures(Messages.workerDied('not run')));
  const byTemplate = new Map<string, Array<{ url: string; figures: LighthouseFigures }>>();
  for (const url of sample) {
    const t = templateOfUrl.get(url) ?? '';
    const list = byTemplate.get(t) ?? [];
    list.push({ url, figures: out.get(url)! });
    byTemplate.set(t, list);
  }
  for (const p of pages) {
    if (out.has(p.url)) continue;
    const samples = byTemplate.get(p.template);
    if (!samples) continue;
    const rep = representative(samples);
    out.set(p.url, rep ? { ...rep.figures, inheritedFrom: rep.url, template: p.template } : { ...failedFigures(Messages.templateFailed), inheritedFrom: samples[0].url, template: p.template });
  }
  return out;
}
