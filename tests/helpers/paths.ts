import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Fixtures written by others, beside the project (see ../shared/fixtures/README.md). */
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures');
export const ZMOT_BIN = path.join(REPO_ROOT, 'crawler/bin/zmot.js');
