/**
 * The sections of `npm run eval`, in the order they appear in docs/accuracy.md. A section is a module
 * of its own (bench/eval/<id>.ts) exporting `run(): Promise<string>`, the Markdown of its block:
 * data set (source, version, license), baseline and figures, dev/test split stated.
 */
export interface EvalSection {
  id: string;
  title: string;
  run: () => Promise<string>;
  /** Run only when named with --only (an experiment needing a package installed for it). */
  optIn?: boolean;
}

export const SECTIONS: EvalSection[] = [
  { id: 'answers', title: 'Answer finding on shoppers\u2019 product questions', run: () => import('./answers.ts').then((m) => m.run()) },
  { id: 'rank', title: 'Learning to rank and word vectors (experiment)', run: () => import('./rank.ts').then((m) => m.run()), optIn: true },
  { id: 'site', title: 'A real site crawled end to end (zerabooks)', run: () => import('./site.ts').then((m) => m.run()) },
  { id: 'stages', title: 'Query stages on real queries', run: () => import('./stages.ts').then((m) => m.run()) },
];
