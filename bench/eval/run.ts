/**
 * `npm run eval`: the accuracy harness. Each section measures one part of the scorer on data others
 * wrote (named with its source and version), computes a plain baseline in the same run, and writes
 * its own block of docs/accuracy.md between markers, so sections can be re-run alone:
 *
 *   npm run eval                     every section but the opt-in experiments (rank: npm run eval -- --only rank)
 *   npm run eval -- --only answers   one section (the others' blocks are kept as they are)
 *   npm run eval -- --no-write       print, do not touch docs/accuracy.md
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECTIONS } from './sections.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = path.join(ROOT, 'docs/accuracy.md');

const HEADER = `# Accuracy

What the scorer gets right on data the team did not write, measured by \`npm run eval\` (bench/eval/).
Each section names its data set and computes a plain baseline in the same run. Figures on data the
team wrote or tuned on are labelled as such. Each section is rewritten by its own module.
`;

function block(id: string, body: string): string {
  return `<!-- eval:${id}:begin -->\n${body.trim()}\n<!-- eval:${id}:end -->`;
}

function replaceBlock(doc: string, id: string, body: string): string {
  const re = new RegExp(`<!-- eval:${id}:begin -->[\\s\\S]*?<!-- eval:${id}:end -->`);
  return re.test(doc) ? doc.replace(re, () => block(id, body)) : `${doc.trimEnd()}\n\n${block(id, body)}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
  const write = !args.includes('--no-write');
  const unknown = only ? [...only].filter((id) => !SECTIONS.some((s) => s.id === id)) : [];
  if (unknown.length) {
    process.stderr.write(`eval: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.map((s) => s.id).join(', ')})\n`);
    process.exit(2);
  }
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEADER;
  for (const section of SECTIONS) {
    if (only && !only.has(section.id)) continue;
    if (!only && section.optIn) continue;
    process.stdout.write(`\n== ${section.title} (npm run eval -- --only ${section.id})\n`);
    const started = Date.now();
    const body = await section.run();
    const stamp = `_Measured ${new Date().toISOString().slice(0, 10)} with \`npm run eval -- --only ${section.id}\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, in ${((Date.now() - started) / 1000).toFixed(1)} s._`;
    const text = `${body.trim()}\n\n${stamp}`;
    process.stdout.write(`${text}\n`);
    doc = replaceBlock(doc, section.id, text);
  }
  if (write) writeFileSync(DOC, doc);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
