/** Confusion matrix of a classifier: rows are true labels, columns are predictions. */

export interface Confusion {
  readonly numClasses: number;
  /** matrix[truth][predicted] */
  readonly matrix: number[][];
  readonly total: number;
  readonly correct: number;
}

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses = 10): Confusion {
  if (labels.length !== predictions.length) {
    throw new Error(`confusionMatrix: ${labels.length} labels but ${predictions.length} predictions`);
  }
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predictions[i];
    if (!(t >= 0 && t < numClasses && p >= 0 && p < numClasses) || !Number.isInteger(t) || !Number.isInteger(p)) {
      throw new Error(`confusionMatrix: entry ${i} has label ${t}, prediction ${p}; expected integers in 0..${numClasses - 1}`);
    }
    matrix[t][p]++;
    if (t === p) correct++;
  }
  return { numClasses, matrix, total: labels.length, correct };
}

export function accuracy(c: Confusion): number {
  return c.total === 0 ? 0 : c.correct / c.total;
}

/** Per class: recall = diagonal / row sum (how many of this digit were found). */
export function recallPerClass(c: Confusion): number[] {
  return c.matrix.map((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? 0 : row[i] / n;
  });
}

/** Per class: precision = diagonal / column sum (how many predictions of this digit were right). */
export function precisionPerClass(c: Confusion): number[] {
  return c.matrix.map((_, j) => {
    let n = 0;
    for (let i = 0; i < c.numClasses; i++) n += c.matrix[i][j];
    return n === 0 ? 0 : c.matrix[j][j] / n;
  });
}

/** Index of the largest value of each row of a [n, k] row-major array (first one on ties). */
export function argMaxRows(values: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(values.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestV = values[i * k];
    for (let j = 1; j < k; j++) {
      const v = values[i * k + j];
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}

/** A fixed-width text table: the header row is the prediction, the first column the truth. */
export function formatConfusion(c: Confusion): string {
  const width = Math.max(4, String(Math.max(...c.matrix.flat(), 0)).length + 1);
  const cell = (s: string | number): string => String(s).padStart(width);
  const recall = recallPerClass(c);
  const lines = [`${'true\\pred'.padEnd(9)}${c.matrix.map((_, j) => cell(j)).join('')}  recall`];
  c.matrix.forEach((row, i) => {
    lines.push(`${String(i).padEnd(9)}${row.map(cell).join('')}  ${(recall[i] * 100).toFixed(1).padStart(5)}%`);
  });
  return lines.join('\n');
}
