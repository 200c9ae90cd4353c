/**
 * Accuracy measures for the query classifier: confusion matrix, per-class precision / recall /
 * F1, macro-F1. Pure, so the benchmark and the tests compute the same figures.
 */

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold items of this class. */
  support: number;
}

export interface EvaluationReport {
  labels: readonly string[];
  total: number;
  correct: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

export interface LabelledPrediction {
  gold: string;
  predicted: string;
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * Precision, recall and F1 per label, and their macro average over the labels that occur in the
 * gold data (a label nobody asked about does not drag the average down).
 */
export function evaluatePredictions(items: readonly LabelledPrediction[], labels: readonly string[]): EvaluationReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const gold of labels) {
    confusion[gold] = {};
    for (const predicted of labels) confusion[gold][predicted] = 0;
  }
  let correct = 0;
  for (const { gold, predicted } of items) {
    confusion[gold] ??= Object.fromEntries(labels.map((label) => [label, 0]));
    confusion[gold][predicted] = (confusion[gold][predicted] ?? 0) + 1;
    if (gold === predicted) correct++;
  }
  const perClass = labels.map((label): ClassMetrics => {
    const truePositives = confusion[label]?.[label] ?? 0;
    const predictedAs = labels.reduce((sum, gold) => sum + (confusion[gold]?.[label] ?? 0), 0);
    const support = labels.reduce((sum, predicted) => sum + (confusion[label]?.[predicted] ?? 0), 0);
    const precision = ratio(truePositives, predictedAs);
    const recall = ratio(truePositives, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const present = perClass.filter((metrics) => metrics.support > 0);
  return {
    labels,
    total: items.length,
    correct,
    accuracy: ratio(correct, items.length),
    macroF1: ratio(
      present.reduce((sum, metrics) => sum + metrics.f1, 0),
      present.length,
    ),
    perClass,
    confusion,
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A Markdown table of per-class figures and the confusion matrix (rows: gold, columns: predicted). */
export function formatEvaluation(title: string, report: EvaluationReport): string {
  const cell = (gold: string, predicted: string): number => report.confusion[gold]?.[predicted] ?? 0;
  const lines = [
    `### ${title}`,
    '',
    `accuracy ${percent(report.accuracy)} (${report.correct}/${report.total}), macro-F1 ${percent(report.macroF1)}`,
    '',
    '| class | precision | recall | F1 | support |',
    '|---|---:|---:|---:|---:|',
    ...report.perClass.map((m) => `| ${m.label} | ${percent(m.precision)} | ${percent(m.recall)} | ${percent(m.f1)} | ${m.support} |`),
    '',
    `| gold \\ predicted | ${report.labels.join(' | ')} |`,
    `|---|${report.labels.map(() => '---:').join('|')}|`,
    ...report.labels.map((gold) => `| ${gold} | ${report.labels.map((predicted) => cell(gold, predicted)).join(' | ')} |`),
  ];
  return lines.join('\n');
}
