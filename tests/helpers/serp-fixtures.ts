import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SHARED_FIXTURES } from './paths.ts';

/**
 * The one loader for saved Google results pages: the ones written by others beside the project
 * (../shared/fixtures/serp and serp-2026, read-only) and the ones the project adds itself
 * (tests/fixtures/serp, see its README for where each came from and its license). Tests iterate
 * over whatever is there: adding a page is dropping the file and its expectations in the folder.
 */

export type SerpFixtureSet = 'shared' | 'shared-2026' | 'project';

export interface SavedSerpPage {
  /** File name, unique across the sets. */
  name: string;
  file: string;
  set: SerpFixtureSet;
}

export const SERP_FIXTURE_DIRS: ReadonlyArray<{ set: SerpFixtureSet; dir: string }> = [
  { set: 'shared', dir: path.join(SHARED_FIXTURES, 'serp') },
  { set: 'shared-2026', dir: path.join(SHARED_FIXTURES, 'serp-2026') },
  { set: 'project', dir: path.join(REPO_ROOT, 'tests/fixtures/serp') },
];

/** Every saved page of every set, by set then name. Throws when two sets hold the same file name. */
export function savedSerpPages(sets: readonly SerpFixtureSet[] = ['shared', 'shared-2026', 'project']): SavedSerpPage[] {
  const pages: SavedSerpPage[] = [];
  for (const { set, dir } of SERP_FIXTURE_DIRS) {
    if (!sets.includes(set) || !fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) pages.push({ name, file: path.join(dir, name), set });
  }
  const names = pages.map((p) => p.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`saved results page ${twice} is in two fixture sets; rename one`);
  return pages;
}

export function savedSerpPage(name: string): SavedSerpPage {
  const page = savedSerpPages().find((p) => p.name === name);
  if (!page) throw new Error(`no saved results page named ${name}`);
  return page;
}

export function readSavedSerpPage(page: SavedSerpPage | string): string {
  return fs.readFileSync(typeof page === 'string' ? savedSerpPage(page).file : page.file, 'utf8');
}

/** The `pages` of every set's expectations.json, merged (a set without one contributes nothing). */
export function serpExpectations<T = Record<string, unknown>>(): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const { dir } of SERP_FIXTURE_DIRS) {
    const file = path.join(dir, 'expectations.json');
    if (fs.existsSync(file)) Object.assign(merged, (JSON.parse(fs.readFileSync(file, 'utf8')) as { pages: Record<string, T> }).pages);
  }
  return merged;
}
