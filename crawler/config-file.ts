import { readFile } from 'node:fs/promises';
import { ConfigSchema, type Config } from '../shared/schemas/index.ts';
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) throw new UsageError(describeZodError(file, parsed.error));
  return parsed.data;
}
