import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkTable, PageSpill } from '../../../crawler/report/spill.ts';
import type { PageResult } from '../../../shared/schemas/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

// The report's page file and link table: what a 100,000-page report is written from.
describe('PageSpill', () => {
  it('gives back every page in order, page i by number, and page i replaced, across its 500-page batches', () => {
    const spill = new PageSpill();
    try {
      const page = (i: number) => ({ url: `https://a.example/p/${i}/`, status: 200 }) as unknown as PageResult;
      for (let i = 0; i < 1234; i++) expect(spill.push(page(i))).toBe(i);
      spill.set(500, { ...page(500), status: 410 });
      expect(spill.length).toBe(1234);
      expect([...spill].map((p) => p.url)).toEqual(Array.from({ length: 1234 }, (_, i) => page(i).url));
      for (const i of [0, 499, 500, 501, 999, 1000, 1233]) expect(spill.get(i).url).toBe(page(i).url);
      expect(spill.get(500).status).toBe(410);
      expect([...spill][500].status).toBe(410);
    } finally {
      spill.close();
    }
  });
});

describe('LinkTable', () => {
  it('reads back every link as added, as often as asked', () => {
    const table = new LinkTable();
    const links = [
      { from: 'https://a.example/', to: 'https://a.example/b/', text: 'B', nofollow: false },
      { from: 'https://a.example/b/', to: 'https://a.example/', text: 'https://a.example/', nofollow: true },
      { from: 'https://a.example/', to: 'https://a.example/b/', text: '', nofollow: false },
    ];
    for (const l of links) table.add(l);
    expect(table.length).toBe(3);
    expect([...table]).toEqual(links);
    expect([...table]).toEqual(links);
  });
});

describe('an interrupted report', () => {
  // A report killed mid-way (SIGKILL: no handler can run) leaves nothing: its page file is unlinked as soon as it is
  // opened, on disk in the temporary folder but without a name, and freed by the system when the process ends.
  it('leaves no page file behind, even when killed with SIGKILL', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'zmot-spill-test-'));
    let child: ReturnType<typeof spawn> | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers/spill-writer.ts')], {
        cwd: ROOT,
        env: { ...process.env, SQLITE_TMPDIR: parent },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const writer = child;
      const exited = new Promise<NodeJS.Signals | null>((resolve) => writer.on('exit', (_, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        let out = '';
        writer.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('ready')) resolve();
        });
        writer.on('exit', () => reject(new Error(`spill writer exited before writing: ${out}`)));
      });
      // Mid-way: the pages are on disk in that folder (an open file with no name), and the folder lists nothing.
      const open = readdirSync(`/proc/${writer.pid}/fd`)
        .map((fd) => ({ fd, target: readlinkSync(`/proc/${writer.pid}/fd/${fd}`) }))
        .filter((f) => f.target.startsWith(`${parent}/`));
      expect(open.map((f) => f.target.endsWith(' (deleted)'))).toEqual([true]);
      expect(statSync(`/proc/${writer.pid}/fd/${open[0].fd}`).size).toBeGreaterThan(100_000);
      expect(readdirSync(parent)).toEqual([]);

      writer.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      // A failed assertion must not leave the writer running (it writes until killed).
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
