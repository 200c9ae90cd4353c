/**
 * A report's page file being written, until the process is killed: used by tests/crawler/report/spill.test.ts to
 * kill a report mid-way. Prints `ready` once ~24 MB of pages are written (more than SQLite's 16 MB page cache, so
 * they are on disk), then keeps writing.
 *
 *   SQLITE_TMPDIR=<folder> node --import tsx tests/helpers/spill-writer.ts
 */
import { PageSpill } from '../../crawler/report/spill.ts';
import type { PageResult } from '../../shared/schemas/index.ts';

const spill = new PageSpill();
const page = (i: number) => ({ url: `https://a.example/p/${i}/`, status: 200, title: 'x'.repeat(1000) }) as unknown as PageResult;
let i = 0;
for (; i < 24_000; i++) spill.push(page(i));
spill.get(0);
process.stdout.write('ready\n');
// Keeps writing, a batch per turn of the event loop, as a report's page pass does.
const more = () => {
  for (let k = 0; k < 500; k++) spill.push(page(i++));
  setTimeout(more, 5);
};
more();
