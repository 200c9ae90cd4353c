/**
 * The CLI as plain JavaScript (an esbuild bundle of crawler/cli.ts and everything of ours it imports), so
 * `zmot` starts without tsx: no loader thread, no TypeScript compiled module by module at every start
 * (about a second of CPU per command). Plain JavaScript itself: it runs before any TypeScript can.
 *
 * Built by npm's postinstall (crawler/bin/prepare-bundles.js) into node_modules/.cache/zmot/cli-<key>/, and
 * rebuilt whenever an input changes: the manifest beside it holds a hash of this checkout's path, the build
 * settings and every input file's content, checked at each start (the page worker's bundle does the same,
 * crawler/crawl/worker-bundle.ts). Dynamic imports stay lazy (one chunk each: `zmot report` loads neither
 * Redis nor Puppeteer); packages stay imports of node_modules. Anything that goes wrong (no esbuild, a
 * read-only folder, a failed build) gives null and bin/zmot.js runs the TypeScript through tsx, as does
 * ZMOT_NO_BUNDLE=1 (for profiles that name our source files).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'crawler/cli.ts';
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/zmot');
const MANIFEST = path.join(CACHE_DIR, 'cli.json');
/** Older bundles are removed after this long: a command started from one may still load its chunks. */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** Build settings; part of the key, so changing them rebuilds. */
const BUILD = { bundle: true, splitting: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', supported: { 'import-attributes': true }, sourcemap: false, legalComments: 'none', chunkNames: 'chunk-[hash]' };

/** @param {string[]} inputs paths relative to the checkout */
function keyOf(inputs) {
  // The checkout's path is in the key: the bundle points at its source folders (demo site, worker files), and
  // node_modules copied to another checkout must not run the first one's code.
  const h = createHash('sha256').update(JSON.stringify(BUILD)).update('\0').update(ROOT).update('\0');
  for (const rel of inputs) h.update(rel).update('\0').update(readFileSync(path.join(ROOT, rel))).update('\0');
  return h.digest('hex');
}

/** The bundle's entry as a file URL when it is current (its inputs unchanged since it was built), else null. */
export function currentCliBundle() {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    return keyOf(m.inputs) === m.key ? pathToFileURL(path.join(CACHE_DIR, m.dir, 'cli.js')).href : null;
  } catch {
    return null;
  }
}

/**
 * Our sources read their own location (`import.meta.url`: the demo site's folder, the worker files): in the
 * bundle each file keeps its own, as a constant, so paths still point into the source tree.
 * @type {import('esbuild').Plugin}
 */
const ownUrl = {
  name: 'zmot-own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const loader = /\.[cm]?tsx?$/.test(args.path) ? (args.path.endsWith('x') ? 'tsx' : 'ts') : 'js';
      return { contents: `const __zmotOwnUrl = ${url};\n${source.replace(/\bimport\.meta\.url\b/g, '__zmotOwnUrl')}`, loader };
    });
  },
};

/** Builds the bundle; its entry as a file URL, or null when it cannot be built. */
export async function buildCliBundle() {
  try {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ ...BUILD, absWorkingDir: ROOT, entryPoints: { cli: ENTRY }, outdir: 'out', write: false, metafile: true, logLevel: 'silent', plugins: [ownUrl] });
    const inputs = Object.keys(out.metafile.inputs).filter((f) => !f.includes('node_modules/')).sort();
    const key = keyOf(inputs);
    const dir = `cli-${key.slice(0, 16)}`;
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written into a folder of its own, then renamed into place, then named by the manifest (also renamed):
    // a command starting meanwhile reads either the old bundle or the whole new one.
    const tmp = path.join(CACHE_DIR, `${dir}.${process.pid}.${Date.now()}.tmp`);
    mkdirSync(tmp);
    for (const f of out.outputFiles) writeFileSync(path.join(tmp, path.basename(f.path)), f.contents);
    try {
      renameSync(tmp, path.join(CACHE_DIR, dir));
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // built at the same time by another command: same inputs, same files
    }
    const manifestTmp = `${MANIFEST}.${process.pid}.tmp`;
    writeFileSync(manifestTmp, JSON.stringify({ key, dir, inputs }));
    renameSync(manifestTmp, MANIFEST);
    removeOldBundles(dir);
    return pathToFileURL(path.join(CACHE_DIR, dir, 'cli.js')).href;
  } catch {
    return null;
  }
}

/** @param {string} keep */
function removeOldBundles(keep) {
  for (const name of readdirSync(CACHE_DIR)) {
    if (!name.startsWith('cli-') || name === keep) continue;
    const p = path.join(CACHE_DIR, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > KEEP_OLD_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // another command removed it first
    }
  }
}

/** The current bundle's entry, building it when it is missing or stale; null: run the TypeScript through tsx. */
export async function cliBundle() {
  if (process.env.ZMOT_NO_BUNDLE) return null;
  return currentCliBundle() ?? (await buildCliBundle());
}
