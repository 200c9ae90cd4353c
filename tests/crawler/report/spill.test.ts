import { describe, expect, it } from 'vitest';
import { LinkTable, PageSpill } from '../../../crawler/report/spill.ts';
import type { PageResult } from '../../../shared/schemas/index.ts';

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
