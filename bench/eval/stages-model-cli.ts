/**
 * Prints the Broder model's cross-validation grid on ORCAS-I-gold dev rows, per feature group
 * (`npx tsx bench/eval/stages-model-cli.ts`). Its own file so that stages.ts and stages-model.ts
 * do not import each other.
 */
import { classifyQuery } from '../../shared/classify/query-stage.ts';
import { evaluatePredictions } from '../../shared/classify/query-eval.ts';
import { CLASSES, crossValidate, type FeatureGroup } from './stages-model.ts';
import { knownWord, loadOrcas } from './stages.ts';

async function main(): Promise<void> {
  const dev = loadOrcas().filter((row) => row.split === 'dev');
  const rules = evaluatePredictions(dev.map((row) => ({ gold: row.broder, predicted: classifyQuery(row.query).broder })), CLASSES);
  const f = (x: number): string => x.toFixed(3);
  console.log(`rules on ORCAS-I-gold dev (developed on these rows): macro-F1 ${f(rules.macroF1)}, navigational F1 ${f(rules.perClass[1].f1)}`);
  const variants: Array<[string, FeatureGroup[]]> = [
    ['all features', ['rules', 'names', 'shape']],
    ['rules only', ['rules']],
    ['names + shape (no rule decision)', ['names', 'shape']],
  ];
  for (const [name, groups] of variants) {
    console.log(`\n${name}: 10-fold CV on dev`);
    for (const { penalty, balance, report } of crossValidate(dev, knownWord, groups)) {
      const nav = report.perClass[1];
      console.log(
        `  penalty ${penalty} balance ${balance}: macro-F1 ${f(report.macroF1)}; navigational P ${f(nav.precision)} R ${f(nav.recall)} F1 ${f(nav.f1)}; transactional F1 ${f(report.perClass[2].f1)}`,
      );
    }
  }
}

await main();
