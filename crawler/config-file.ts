import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigSchema, type Config } from '../shared/schemas/index.ts';
import { hostOfUrl } from '../shared/url.ts';
import { jsonSyntaxError, lineOfPath } from '../shared/questions/json-lines.ts';
import { UsageError, describeZodError } from './errors.ts';

/** Loads and validates a zmot config file (JSON). Any problem is one line naming the file and field. */
export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read config ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  const data = parseJsonFile(file, text);
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) throw new UsageError(`${describeZodError(file, parsed.error)}${lineNote(text, parsed.error.issues[0]?.path)}`);
  // Question files are relative to the config file; made absolute here so a report rebuilt later, from
  // anywhere, reads the same files. They are read once now so that a bad one stops the run before a crawl.
  const dir = path.dirname(path.resolve(file));
  const config = { ...parsed.data, questionFiles: parsed.data.questionFiles.map((q) => ({ ...q, path: path.resolve(dir, q.path) })), ...(parsed.data.history ? { history: path.resolve(dir, parsed.data.history) } : {}) };
  const { loadQuestionFiles } = await import('./questions-files.ts');
  await loadQuestionFiles(config, file);
  return config;
}

/**
 * JSON.parse with an error a user can act on: `file: not valid JSON at line L, column C: expected X,
 * found Y`. A UTF-8 byte order mark (Windows editors add one) is not an error.
 */
export function parseJsonFile(file: string, text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    const at = jsonSyntaxError(body);
    if (!at) throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
    const where = body.trim() ? `at line ${at.line}, column ${at.column}` : '(the file is empty)';
    throw new UsageError(`${file}: not valid JSON ${where}: expected ${at.expected}, found ${at.found}`);
  }
}

/** " (line N)" for the field a schema error names, in a file of more than one line. */
export function lineNote(text: string, path: ReadonlyArray<PropertyKey> | undefined): string {
  if (!path || !text.includes('\n')) return '';
  return ` (line ${lineOfPath(text.replace(/^\uFEFF/, ''), path)})`;
}

/** The config of a crawl run without a config file: the site's host as the brand, every default. */
export function defaultConfigFor(startUrl: string): Config {
  return ConfigSchema.parse({ brand: { name: hostOfUrl(startUrl) || 'site' } });
}
