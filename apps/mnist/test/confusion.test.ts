import { describe, expect, it } from 'vitest';
import { accuracy, argMaxRows, confusionMatrix, formatConfusion, precisionPerClass, recallPerClass } from '../src/confusion.js';

describe('confusion matrix', () => {
  const labels = [0, 0, 1, 1, 1, 2, 2, 2, 2];
  const preds = [0, 1, 1, 1, 2, 2, 2, 0, 2];
  const c = confusionMatrix(labels, preds, 3);

  it('counts truth x prediction', () => {
    expect(c.matrix).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 3],
    ]);
    expect(c.total).toBe(9);
    expect(c.correct).toBe(6);
    expect(accuracy(c)).toBeCloseTo(6 / 9, 12);
    // Every example lands in exactly one cell.
    expect(c.matrix.flat().reduce((a, b) => a + b, 0)).toBe(labels.length);
  });

  it('gives recall per row and precision per column', () => {
    expect(recallPerClass(c)).toEqual([0.5, 2 / 3, 0.75]);
    expect(precisionPerClass(c)).toEqual([0.5, 2 / 3, 0.75]);
    const d = confusionMatrix([0, 0, 0, 1], [0, 0, 1, 1], 2);
    expect(recallPerClass(d)).toEqual([2 / 3, 1]);
    expect(precisionPerClass(d)).toEqual([1, 0.5]);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0, 1], [0], 10)).toThrow('2 labels but 1 predictions');
    expect(() => confusionMatrix([0, 10], [0, 1], 10)).toThrow('entry 1 has label 10');
  });

  it('argMaxRows picks the first maximum of each row', () => {
    expect(Array.from(argMaxRows(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0, 1]), 3))).toEqual([1, 0, 2]);
  });

  it('formats a 10x10 table with a header and recall', () => {
    const ten = confusionMatrix([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4]);
    const lines = formatConfusion(ten).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^true\\pred\s+0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+recall$/);
    expect(lines[10]).toMatch(/^9\s+0\s+0\s+0\s+0\s+1\s+0\s+0\s+0\s+0\s+1\s+50\.0%$/);
  });
});
