import { defineGradient } from './define.js';
import { mul, sub } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';
import { exp } from '../ops/unary.js';

/** dx = dy - softmax(x) * sum(dy) over the last axis, with softmax(x) = exp(y). */
export const logSoftmaxGradient = defineGradient('logSoftmax', ['binary', 'reduce', 'unary'], (dy, _inputs, _attrs, y) => ({
  x: scoped(() => sub(dy, mul(exp(y), sum(dy, -1, true)))),
}));
