import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { effectiveQuestions, importOptionsFor, parseQuestionFile } from '../shared/questions/index.ts';
import type { Config, ProspectQuestion } from '../shared/schemas/index.ts';
import type { SkippedQuestion } from '../shared/schemas/questions-export.ts';
import { UsageError } from './errors.ts';

const MESSAGES = {
  cannotRead: (file: string, why: string) => `cannot read questions file ${file}: ${why}`,
  parseError: (file: string, line: number | null, message: string) => `${file}${line ? `:${line}` : ''}: ${message}`,
};

/** Files bigger than this are not question lists (a Search Console export of 1,000 rows is ~60 KB). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ImportedQuestions {
  questions: ProspectQuestion[];
  /** Rows read but not kept, with the file they came from. */
  skipped: Array<SkippedQuestion & { file: string }>;
}

/**
 * Reads the config's `questionFiles`, each path relative to the config file's folder. A file that
 * cannot be read or parsed is a UsageError naming the file and the line.
 */
export async function loadQuestionFiles(config: Config, configPath: string): Promise<ImportedQuestions> {
  const dir = path.dirname(path.resolve(configPath));
  const options = importOptionsFor(config);
  const questions: ProspectQuestion[] = [];
  const skipped: ImportedQuestions['skipped'] = [];
  for (const entry of config.questionFiles) {
    const file = path.resolve(dir, entry.path);
    const shown = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      const buffer = await readFile(file);
      if (buffer.byteLength > MAX_FILE_BYTES) throw Object.assign(new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`), { code: 'EFBIG' });
      text = buffer.toString('utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new UsageError(MESSAGES.cannotRead(shown, why));
    }
    const parsed = parseQuestionFile(entry.format, text, options);
    if (!parsed.ok) throw new UsageError(MESSAGES.parseError(shown, parsed.error.line, parsed.error.message));
    questions.push(...parsed.questions);
    skipped.push(...parsed.skipped.map((s) => ({ ...s, file: shown })));
  }
  return { questions, skipped };
}

/** The effective question set of a config file: its questions, its question files, its templates. */
export async function questionsForConfig(config: Config, configPath: string): Promise<ImportedQuestions> {
  const imported = await loadQuestionFiles(config, configPath);
  return { questions: effectiveQuestions(config, imported.questions), skipped: imported.skipped };
}
