import { describe, expect, it } from 'vitest';
import { HostGate } from '../../../crawler/crawl/host-gate.ts';

// With no politeness delay the gate hands out slots in promise callbacks, no timers: one turn of the event
// loop (after every pending microtask) settles it, however loaded the machine is.
const settle = () => new Promise((r) => setImmediate(r));

describe('politeness per host', () => {
  it('keeps at most N requests in flight to one host, others unaffected', async () => {
    const gate = new HostGate({ concurrency: 2, delayMs: 0 });
    const started: string[] = [];
    const releases: Array<() => void> = [];
    for (const id of ['a1', 'a2', 'a3', 'a4']) void gate.acquire('a.test').then((r) => (started.push(id), releases.push(r)));
    void gate.acquire('b.test').then((r) => (started.push('b1'), releases.push(r)));
    await settle();
    expect(started.sort()).toEqual(['a1', 'a2', 'b1']);
    releases[0]();
    await settle();
    expect(started).toContain('a3');
    expect(started).not.toContain('a4');
    gate.close();
  });

  it('spaces requests by the politeness delay, one at a time', async () => {
    const gate = new HostGate({ concurrency: 8, delayMs: 0 });
    gate.setDelay('a.test', 150);
    const times: number[] = [];
    await Promise.all([0, 1, 2].map(() => gate.acquire('a.test').then((release) => (times.push(Date.now()), release()))));
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(140);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(140);
    gate.close();
  });

  it('holds every request to a host that asked to wait (Retry-After)', async () => {
    const gate = new HostGate({ concurrency: 4, delayMs: 0 });
    gate.pause('a.test', 200);
    const t0 = Date.now();
    const release = await gate.acquire('a.test');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    release();
    gate.close();
  });

  it('gives up waiting when the crawl is interrupted', async () => {
    const gate = new HostGate({ concurrency: 1, delayMs: 0 });
    await gate.acquire('a.test');
    const controller = new AbortController();
    const waiting = gate.acquire('a.test', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    gate.close();
  });
});
