import { defineGradient } from './define.js';
import { mul, sub } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';

/** dx = y * (dy - sum(dy * y)) over the last axis. */
export const softmaxGradient = defineGradient('softmax', ['binary', 'reduce'], (dy, _inputs, _attrs, y) => ({
  x: scoped(() => mul(y, sub(dy, sum(mul(dy, y), -1, true)))),
}));
