/**
 * The page worker as one plain-JavaScript file, so a worker thread starts without tsx: no loader thread,
 * no TypeScript compiled per module in every worker (about a second of CPU per worker on each crawl).
 *
 * Built with esbuild (our sources bundled, packages left as imports) into node_modules/.cache/zmot/, and
 * rebuilt whenever a source it was built from changes: the manifest beside it holds a hash of every input
 * file's content, checked before each use. Anything that goes wrong (no esbuild, a read-only folder, a
 * failed build) returns null and the caller falls back to loading the TypeScript through tsx. The CLI itself
 * runs from a bundle built the same way (crawler/bin/cli-bundle.js).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'crawler/crawl/page-worker.ts';
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/zmot');
const BUNDLE = path.join(CACHE_DIR, 'page-worker.mjs');
const MANIFEST = path.join(CACHE_DIR, 'page-worker.json');

interface Manifest {
  /** Hash of the bundle's inputs (paths and contents) and of the build settings. */
  key: string;
  inputs: string[];
}

/** Build settings; part of the key, so changing them rebuilds. */
const BUILD = { bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', supported: { 'import-attributes': true }, sourcemap: false, legalComments: 'none' } as const;

function keyOf(inputs: string[]): string {
  const h = createHash('sha256').update(JSON.stringify(BUILD));
  for (const rel of inputs) h.update(rel).update('\0').update(readFileSync(path.join(ROOT, rel))).update('\0');
  return h.digest('hex');
}

/** The bundle's path when it is current (its inputs unchanged since it was built), else null. */
function currentBundle(): string | null {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    return keyOf(m.inputs) === m.key ? BUNDLE : null;
  } catch {
    return null;
  }
}

let building: Promise<string | null> | null = null;

/** Path of an up-to-date page-worker bundle, building it when needed; null when it cannot be had. */
export function pageWorkerBundle(): Promise<string | null> {
  const ready = currentBundle();
  if (ready) return Promise.resolve(ready);
  building ??= build().finally(() => (building = null));
  return building;
}

async function build(): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ ...BUILD, absWorkingDir: ROOT, entryPoints: [ENTRY], write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(out.metafile.inputs).filter((f) => !f.includes('node_modules/')).sort();
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written under a unique name, then renamed: another crawl starting at the same time never reads half a file.
    const tmp = `${BUNDLE}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, out.outputFiles[0].contents);
    renameSync(tmp, BUNDLE);
    const manifest: Manifest = { key: keyOf(inputs), inputs };
    writeFileSync(`${MANIFEST}.${process.pid}.tmp`, JSON.stringify(manifest));
    renameSync(`${MANIFEST}.${process.pid}.tmp`, MANIFEST);
    return BUNDLE;
  } catch {
    return null;
  }
}
