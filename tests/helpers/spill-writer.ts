/**
 * A report's page file being written, until the process is stopped: used by tests/crawler/report/spill.test.ts
 * to kill a report mid-way. Prints the page file's folder once the first pages are on disk.
 *
 *   node --import tsx tests/helpers/spill-writer.ts <parent folder>
 */
import { PageSpill } from '../../crawler/report/spill.ts';
import type { PageResult } from '../../shared/schemas/index.ts';

const spill = new PageSpill(process.argv[2]);
const page = (i: number) => ({ url: `https://a.example/p/${i}/`, status: 200, title: 'x'.repeat(200) }) as unknown as PageResult;
let i = 0;
for (; i < 1000; i++) spill.push(page(i));
spill.get(0);
process.stdout.write(`${spill.dir}\n`);
// Keeps writing, a batch per turn of the event loop, as a report's page pass does.
const more = () => {
  for (let k = 0; k < 500; k++) spill.push(page(i++));
  setTimeout(more, 5);
};
more();
