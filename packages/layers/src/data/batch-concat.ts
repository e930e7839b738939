/**
 * How `Dataset.batch` joins elements, as TensorFlow.js' tf.data: tensors are stacked along a new
 * first axis, numbers and booleans become one tensor, and objects and arrays are containers whose
 * entries are joined one by one (so rows `{xs, ys}` give a batch `{xs: stacked, ys: stacked}`).
 */
import { ArgumentError, Tensor, stack, tensor } from '@tensile/core';

/** The tensors inside a nested element, for disposing what a stage owns. */
export function tensorsIn(x: unknown, out: Tensor[] = []): Tensor[] {
  if (x instanceof Tensor) out.push(x);
  else if (Array.isArray(x)) for (const v of x) tensorsIn(v, out);
  else if (isRecord(x)) for (const v of Object.values(x)) tensorsIn(v, out);
  return out;
}

/** Joins `rows` (elements of one shape of nesting) into one batch element. */
export function batchConcat(rows: readonly unknown[], path = 'element'): unknown {
  const first = rows[0];
  if (first instanceof Tensor) {
    const bad = rows.findIndex((r) => !(r instanceof Tensor));
    if (bad >= 0) throw mixed(path, bad, rows[bad]);
    return stack(rows as Tensor[]);
  }
  if (typeof first === 'number' || typeof first === 'boolean') {
    const bad = rows.findIndex((r) => typeof r !== typeof first);
    if (bad >= 0) throw mixed(path, bad, rows[bad]);
    return typeof first === 'boolean'
      ? tensor(rows as boolean[], [rows.length], 'bool')
      : tensor(rows as number[], [rows.length], 'float32');
  }
  if (Array.isArray(first)) {
    return first.map((_, i) =>
      batchConcat(
        rows.map((r, j) => {
          if (!Array.isArray(r) || r.length !== first.length) throw mixed(path, j, r);
          return r[i];
        }),
        `${path}[${i}]`,
      ),
    );
  }
  if (isRecord(first)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      out[key] = batchConcat(
        rows.map((r, j) => {
          if (!isRecord(r) || !(key in r)) throw mixed(`${path}.${key}`, j, r);
          return r[key];
        }),
        `${path}.${key}`,
      );
    }
    return out;
  }
  throw new ArgumentError(`Dataset.batch: ${path} must be a Tensor, number, boolean, array or object, got ${describe(first)}`);
}

function mixed(path: string, row: number, value: unknown): ArgumentError {
  return new ArgumentError(
    `Dataset.batch: ${path} of row ${row} is ${describe(value)}, unlike row 0's; every element of a batch must have the same structure`,
  );
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !(x instanceof Tensor) && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Tensor) return `a Tensor of shape [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return typeof x;
}
