import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../crawler/config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../../crawler/demo/server.ts';
import { runSiteJob } from '../../crawler/job.ts';
import type { CrawlReport } from '../../shared/schemas/index.ts';

/** Runs the real main job on the demo site into a fresh folder; returns the report and where it went. */
export async function demoJob(): Promise<{ report: CrawlReport; outDir: string; files: string[] }> {
  const outDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'zmot-demo-job-')), 'report');
  const config = await loadConfig(DEMO_CONFIG);
  const server = await serveDemo();
  try {
    const { report, files } = await runSiteJob({ startUrl: `${server.origin}/`, config, outDir });
    return { report, outDir, files };
  } finally {
    await server.close();
  }
}
