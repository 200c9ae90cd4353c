/**
 * Politeness per host: at most `concurrency` requests in flight to one host, requests started at
 * least `delayMs` apart, and a pause when the host asks for one (429/503 with Retry-After).
 */
export interface HostGateOptions {
  concurrency: number;
  delayMs: number;
}

interface HostState {
  active: number;
  nextStartAt: number;
  pausedUntil: number;
  delayMs: number;
  waiters: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

export type ReleaseSlot = () => void;

/** What the fetcher and the engine need of a gate: this process's (HostGate) or one shared by every worker (crawler/distributed). */
export interface PolitenessGate {
  acquire(host: string, signal?: AbortSignal): Promise<ReleaseSlot>;
  pause(host: string, ms: number): void;
  setDelay(host: string, delayMs: number): void;
  close(): void;
}

export class HostGate implements PolitenessGate {
  private readonly hosts = new Map<string, HostState>();
  constructor(private readonly options: HostGateOptions) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStartAt: 0, pausedUntil: 0, delayMs: this.options.delayMs, waiters: [], timer: null };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Raises a host's delay (robots.txt Crawl-delay); never below the configured one. */
  setDelay(host: string, delayMs: number) {
    const s = this.state(host);
    s.delayMs = Math.max(this.options.delayMs, delayMs);
  }

  delayOf(host: string): number {
    return this.state(host).delayMs;
  }

  /** The host asked us to wait (Retry-After): no new request to it before then. */
  pause(host: string, ms: number) {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, Date.now() + ms);
  }

  /** Waits for a slot on the host; resolves with the function that gives it back. */
  acquire(host: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    const s = this.state(host);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => this.drain(host, s);
      const tryStart = (): boolean => {
        if (signal?.aborted) {
          signal.removeEventListener('abort', onAbort);
          reject(signal.reason ?? new Error('aborted'));
          return true;
        }
        const now = Date.now();
        // A politeness delay means one request at a time, spaced out.
        const concurrency = s.delayMs > 0 ? 1 : this.options.concurrency;
        if (s.active >= concurrency) return false;
        const startAt = Math.max(s.nextStartAt, s.pausedUntil);
        if (startAt > now) {
          this.wake(host, s, startAt - now);
          return false;
        }
        s.active++;
        s.nextStartAt = now + s.delayMs;
        signal?.removeEventListener('abort', onAbort);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          s.active--;
          this.drain(host, s);
        });
        return true;
      };
      const attempt = () => {
        if (!tryStart()) s.waiters.push(attempt);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      attempt();
    });
  }

  private wake(host: string, s: HostState, inMs: number) {
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      this.drain(host, s);
    }, inMs);
  }

  private drain(_host: string, s: HostState) {
    const waiting = s.waiters.splice(0);
    for (const w of waiting) w();
  }

  close() {
    for (const s of this.hosts.values()) if (s.timer) clearTimeout(s.timer);
  }
}
