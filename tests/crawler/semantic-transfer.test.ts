/**
 * The sentence model's bank of answered questions (crawler/semantic/transfer.ts), with made-up
 * vectors (the real bank is measured in `npm run eval`): a passage like the ones that answered the
 * nearest known questions reads as an answer, one like their non-answers does not, the evidence fades
 * for a question unlike any in the bank, and the 8-bit stored bank reads back as the same vectors.
 */
import { describe, expect, it } from 'vitest';
import { neighboursOf, parseBank, serializeBank, transferEvidence, type TransferBank } from '../../crawler/semantic/transfer.ts';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};

// Two known questions ("how many batteries", "what colour"), each with a spec row that answered it and one that did not.
const bank: TransferBank = {
  model: 'test',
  dims: 4,
  questions: [unit(1, 0, 0, 0), unit(0, 1, 0, 0)],
  passages: [unit(0, 0, 1, 0), unit(0, 0, 0, 1), unit(0, 0.2, 0, 1), unit(0, 0, 1, 0.2)],
  answering: [[0], [1]],
  other: [[1], [0]],
};

describe('what the model has seen answer questions like this one', () => {
  it('reads a passage like the nearest question’s answers as an answer, and its non-answers as not', () => {
    const n = neighboursOf(bank, unit(1, 0.1, 0, 0));
    const [answer, margin] = transferEvidence(n, unit(0, 0, 1, 0.1));
    const [otherAnswer, otherMargin] = transferEvidence(n, unit(0, 0, 0.1, 1));
    expect(answer).toBeGreaterThan(otherAnswer);
    expect(margin).toBeGreaterThan(0);
    expect(otherMargin).toBeLessThan(0);
  });

  it('fades for a question unlike any in the bank', () => {
    const near = transferEvidence(neighboursOf(bank, unit(1, 0, 0, 0)), unit(0, 0, 1, 0))[2];
    const far = transferEvidence(neighboursOf(bank, unit(0.1, 0, 1, 1)), unit(0, 0, 1, 0))[2];
    expect(far).toBeLessThan(near / 2);
  });

  it('stores the bank in 8 bits and reads back the same directions', () => {
    const back = parseBank(serializeBank(bank));
    expect(back.answering).toEqual(bank.answering);
    back.passages.forEach((v, i) => v.forEach((x, k) => expect(x).toBeCloseTo(bank.passages[i][k], 2)));
  });
});
