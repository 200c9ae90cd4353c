import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, type StaticServer } from '../../serve.ts';

/** AquaGuard, the bundled competitor of the demo brand (see EXPECTED.md beside this file). */
export const COMPETITOR_NAME = 'AquaGuard';
export const COMPETITOR_DIR = path.dirname(fileURLToPath(import.meta.url));
export const COMPETITOR_SITE_DIR = path.join(COMPETITOR_DIR, 'site');

/** Serves the competitor site on 127.0.0.1. */
export function serveCompetitor(port = 0): Promise<StaticServer> {
  return serveStatic(COMPETITOR_SITE_DIR, { port });
}
