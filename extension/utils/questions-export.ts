import { QUESTIONS_EXPORT_VERSION, QuestionsExportSchema, type ExportedQuestion, type QuestionsExport } from '../../shared/schemas/questions-export.ts';

/** Columns of the CSV export, in order: the same fields as the JSON export. */
export const QUESTIONS_CSV_COLUMNS = ['text', 'query', 'source', 'lang', 'collectedAt', 'url'] as const;

/** The JSON export `zmot` imports (format "paa-json"), checked against the shared schema. */
export function questionsExport(questions: readonly ExportedQuestion[], now = new Date()): QuestionsExport {
  return QuestionsExportSchema.parse({ version: QUESTIONS_EXPORT_VERSION, exportedAt: now.toISOString(), questions });
}

/**
 * One CSV cell. A spreadsheet would run a cell starting with = + - @ (or a tab/CR) as a formula:
 * such cells get a leading apostrophe, which spreadsheets show as text.
 */
export function csvCell(value: string | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function questionsCsv(questions: readonly ExportedQuestion[]): string {
  const lines = [QUESTIONS_CSV_COLUMNS.join(',')];
  for (const q of questions) lines.push(QUESTIONS_CSV_COLUMNS.map((column) => csvCell(q[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary object URL; nothing leaves the machine. */
export function downloadText(fileName: string, mime: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
