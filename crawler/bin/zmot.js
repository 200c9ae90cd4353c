#!/usr/bin/env node
// The CLI runs from an esbuild bundle of its TypeScript (cli-bundle.js: built at npm install, rebuilt when a
// source changes); without one (no esbuild, a read-only folder, ZMOT_NO_BUNDLE=1) it runs through tsx's loader.
import { cliBundle } from './cli-bundle.js';

const bundle = await cliBundle();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli.ts');
}
