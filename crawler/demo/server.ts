import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, type Routes, type StaticServer } from '../serve.ts';

export const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_SITE_DIR = path.join(DEMO_DIR, 'site');
export const DEMO_CONFIG = path.join(DEMO_DIR, 'zmot.config.json');

/** Serves the bundled demo site on 127.0.0.1 with its redirects and headers. */
export async function serveDemo(port = 0): Promise<StaticServer> {
  const routes = JSON.parse(await readFile(path.join(DEMO_DIR, 'routes.json'), 'utf8')) as Routes;
  return serveStatic(DEMO_SITE_DIR, { routes, port });
}
