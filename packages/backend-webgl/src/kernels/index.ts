import type { KernelTable } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { avgPool } from './avgPool.js';
import { avgPoolGrad } from './avgPoolGrad.js';
import { binary } from './binary.js';
import { cast } from './cast.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.js';
import { conv2dBackpropInput } from './conv2dBackpropInput.js';
import { fill } from './fill.js';
import { gather } from './gather.js';
import { logSoftmax } from './logSoftmax.js';
import { matMul } from './matMul.js';
import { maxPool } from './maxPool.js';
import { maxPoolGrad } from './maxPoolGrad.js';
import { oneHot } from './oneHot.js';
import { pad } from './pad.js';
import { randomNormal } from './randomNormal.js';
import { randomUniform } from './randomUniform.js';
import { reduce } from './reduce.js';
import { select } from './select.js';
import { slice } from './slice.js';
import { softmax } from './softmax.js';
import { transpose } from './transpose.js';
import { unary } from './unary.js';

/** Every required kernel; the optional fused ones are left to core's decompositions. */
export const webglKernels = {
  unary,
  binary,
  cast,
  select,
  fill,
  reduce,
  matMul,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  maxPool,
  avgPool,
  maxPoolGrad,
  avgPoolGrad,
  softmax,
  logSoftmax,
  transpose,
  slice,
  concat,
  pad,
  gather,
  oneHot,
  randomUniform,
  randomNormal,
} satisfies KernelTable<WebGlBackend>;
