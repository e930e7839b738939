/** Float64 references of softmax and logSoftmax over the last axis. */
import { nd, type Nd } from './nd.js';

function overLastAxis(x: Nd, row: (v: Float64Array) => Float64Array): Nd {
  const out = nd(x.shape);
  const n = x.shape[x.shape.length - 1];
  for (let start = 0; start < x.values.length; start += n) out.values.set(row(x.values.subarray(start, start + n)), start);
  return out;
}

export function logSoftmaxRef(x: Nd): Nd {
  return overLastAxis(x, (v) => {
    const max = Math.max(...v);
    const lse = max + Math.log(v.reduce((s, e) => s + Math.exp(e - max), 0));
    return v.map((e) => e - lse);
  });
}

export function softmaxRef(x: Nd): Nd {
  const log = logSoftmaxRef(x);
  return { shape: log.shape, values: log.values.map(Math.exp) };
}
