import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run lint` (part of `npm test`) must fail on a boundary break or a cycle: these feed it deliberate
// violations through the project's own configuration files and check each is reported by the right rule.
const root = path.resolve(import.meta.dirname, '../..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function eslintRules(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.line}:${m.ruleId}`);
}

describe('eslint boundary rules', () => {
  it('shared/ may not import node:*, crawler/ or Lighthouse internals, nor touch browser or Node globals', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { UsageError } from '../crawler/errors.ts';",
      "import { isValidLang } from 'lighthouse/third-party/axe/valid-langs.js';",
      'export const title = () => document.title + process.cwd();',
      'export const ok = new URL("https://example.com/").host + String(readFileSync) + String(UsageError) + String(isValidLang);',
    ].join('\n');
    expect(await eslintRules('shared/violation.ts', code)).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-globals',
      '4:no-restricted-globals',
    ]);
  });

  it('extension/ may not import crawler/', async () => {
    expect(await eslintRules('extension/violation.ts', "export { chromePath } from '../crawler/browser.ts';\n")).toEqual(['1:no-restricted-imports']);
  });

  it('the same code is fine where it belongs (crawler/)', async () => {
    expect(await eslintRules('crawler/fine.ts', "import { readFileSync } from 'node:fs';\nexport const f = () => readFileSync(process.cwd());\n")).toEqual([]);
  });
});

describe('dependency-cruiser cycle and layering rules', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports an import cycle (once, at the edge that closes it), the crawl layer importing the report layer, and shared/ importing node:*', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-lint-'));
    const files: Record<string, string> = {
      'crawler/crawl/engine.ts': "import { write } from '../report/writers.ts';\nexport const crawl = () => write();\n",
      'crawler/report/writers.ts': "import { crawl } from '../crawl/engine.ts';\nexport const write = () => crawl;\n",
      'shared/pure.ts': "import path from 'node:path';\nexport const p = path.sep;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const { options } = config;
    const result = await cruise(['crawler', 'shared'], {
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: true,
      doNotFollow: options?.doNotFollow,
      enhancedResolveOptions: options?.enhancedResolveOptions,
    });
    const output = result.output as { summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> } };
    const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      'crawl-not-to-report: crawler/crawl/engine.ts -> crawler/report/writers.ts',
      'no-circular: crawler/crawl/engine.ts -> crawler/report/writers.ts',
      'shared-no-node: shared/pure.ts -> path',
    ]);
  });
});
