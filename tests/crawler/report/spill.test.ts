import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  // Two reports killed mid-way (one spawn each, in parallel): Ctrl-C removes its page file at once; SIGKILL cannot
  // be caught, so its file is removed by the next report that starts with the same temporary folder.
  it('leaves no page file behind: SIGINT removes it, a SIGKILLed one is swept by the next report', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'zmot-spill-test-'));
    try {
      const start = () => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers/spill-writer.ts'), parent], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
        const dir = new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d) => {
            out += d;
            if (out.includes('\n')) resolve(out.trim());
          });
          child.on('exit', () => reject(new Error(`spill writer exited before writing: ${out}`)));
        });
        return { child, exited, dir };
      };
      const [interrupted, killed] = [start(), start()];
      const [interruptedDir, killedDir] = await Promise.all([interrupted.dir, killed.dir]);
      expect(existsSync(path.join(interruptedDir, 'pages.sqlite'))).toBe(true);
      expect(existsSync(path.join(killedDir, 'pages.sqlite'))).toBe(true);

      interrupted.child.kill('SIGINT');
      killed.child.kill('SIGKILL');
      // Ended by the signal, as without the handler (the shell's exit 130 for Ctrl-C).
      expect(await interrupted.exited).toEqual({ code: null, signal: 'SIGINT' });
      expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(existsSync(interruptedDir)).toBe(false);
      expect(existsSync(killedDir)).toBe(true);

      // A live process's page file (the test runner's parent here) is not touched.
      const live = path.join(parent, `zmot-report-${process.ppid}-live`);
      mkdirSync(live);
      const next = new PageSpill(parent);
      try {
        expect(existsSync(killedDir)).toBe(false);
        expect(existsSync(live)).toBe(true);
      } finally {
        next.close();
      }
      expect(readdirSync(parent)).toEqual([path.basename(live)]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
