// Child process for the history kill test: records a run and, inside the open transaction, says so and
// waits to be killed. Usage: node --import tsx history-writer.ts <history file> <report.json> <marker file>
import { writeFileSync } from 'node:fs';
import { readReport } from '../../crawler/report/writers.ts';
import { HistoryStore } from '../../crawler/history/store.ts';
import { snapshotOf } from '../../crawler/history/snapshot.ts';

const [file, reportFile, marker] = process.argv.slice(2);
const report = await readReport(reportFile);
const store = HistoryStore.open(file);
store.record(snapshotOf(report, null, 'crawl'), [], () => {
  writeFileSync(marker, 'in transaction');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
});
