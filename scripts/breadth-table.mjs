#!/usr/bin/env node
// Writes docs/layers-and-ops.md: every layer factory and op of TensorFlow.js 4.22 next to what
// Tensile exports under the same name, with the Keras 3 equivalent. The Tensile and TF.js columns
// are read from the installed packages, not typed by hand, so the table cannot claim a layer that
// is not there; `--check` fails when the file on disk differs (a test runs it).
//
//   node scripts/breadth-table.mjs          rewrite the file
//   node scripts/breadth-table.mjs --check  exit 1 if it is stale
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'layers-and-ops.md');
const require = createRequire(join(root, 'packages', 'layers', 'package.json'));
const tf = require('@tensorflow/tfjs-core');
const tfl = require('@tensorflow/tfjs-layers');
const core = await import('@tensile/core');
const tl = await import('@tensile/layers');

// Keras 3 class names for the layer factories (keras.layers.*); null: Keras 3 has none.
const KERAS_LAYERS = {
  Layer: 'Layer',
  RNN: 'RNN',
  RNNCell: null,
  activation: 'Activation',
  add: 'Add',
  alphaDropout: 'AlphaDropout',
  average: 'Average',
  averagePooling1d: 'AveragePooling1D',
  averagePooling2d: 'AveragePooling2D',
  averagePooling3d: 'AveragePooling3D',
  avgPool1d: 'AveragePooling1D',
  avgPool2d: 'AveragePooling2D',
  avgPool3d: 'AveragePooling3D',
  avgPooling1d: 'AveragePooling1D',
  avgPooling2d: 'AveragePooling2D',
  avgPooling3d: 'AveragePooling3D',
  batchNormalization: 'BatchNormalization',
  bidirectional: 'Bidirectional',
  categoryEncoding: 'CategoryEncoding',
  centerCrop: 'CenterCrop',
  concatenate: 'Concatenate',
  conv1d: 'Conv1D',
  conv2d: 'Conv2D',
  conv2dTranspose: 'Conv2DTranspose',
  conv3d: 'Conv3D',
  conv3dTranspose: 'Conv3DTranspose',
  convLstm2d: 'ConvLSTM2D',
  convLstm2dCell: null,
  cropping2D: 'Cropping2D',
  dense: 'Dense',
  depthwiseConv2d: 'DepthwiseConv2D',
  dot: 'Dot',
  dropout: 'Dropout',
  elu: 'ELU',
  embedding: 'Embedding',
  flatten: 'Flatten',
  gaussianDropout: 'GaussianDropout',
  gaussianNoise: 'GaussianNoise',
  globalAveragePooling1d: 'GlobalAveragePooling1D',
  globalAveragePooling2d: 'GlobalAveragePooling2D',
  globalMaxPool1d: 'GlobalMaxPooling1D',
  globalMaxPool2d: 'GlobalMaxPooling2D',
  globalMaxPooling1d: 'GlobalMaxPooling1D',
  globalMaxPooling2d: 'GlobalMaxPooling2D',
  gru: 'GRU',
  gruCell: 'GRUCell',
  input: 'Input',
  inputLayer: 'InputLayer',
  layerNormalization: 'LayerNormalization',
  leakyReLU: 'LeakyReLU',
  lstm: 'LSTM',
  lstmCell: 'LSTMCell',
  masking: 'Masking',
  maxPool1d: 'MaxPooling1D',
  maxPool2d: 'MaxPooling2D',
  maxPooling1d: 'MaxPooling1D',
  maxPooling2d: 'MaxPooling2D',
  maxPooling3d: 'MaxPooling3D',
  maximum: 'Maximum',
  minimum: 'Minimum',
  multiHeadAttention: 'MultiHeadAttention',
  multiply: 'Multiply',
  normalization: 'Normalization',
  permute: 'Permute',
  prelu: 'PReLU',
  randomFlip: 'RandomFlip',
  randomRotation: 'RandomRotation',
  randomTranslation: 'RandomTranslation',
  randomWidth: null,
  reLU: 'ReLU',
  repeatVector: 'RepeatVector',
  rescaling: 'Rescaling',
  reshape: 'Reshape',
  resizing: 'Resizing',
  rnn: 'RNN',
  separableConv2d: 'SeparableConv2D',
  simpleRNN: 'SimpleRNN',
  simpleRNNCell: 'SimpleRNNCell',
  softmax: 'Softmax',
  spatialDropout1d: 'SpatialDropout1D',
  stackedRNNCells: 'StackedRNNCells',
  subtract: 'Subtract',
  thresholdedReLU: null,
  timeDistributed: 'TimeDistributed',
  upSampling2d: 'UpSampling2D',
  zeroPadding2d: 'ZeroPadding2D',
};

// keras.ops names for the TF.js op names this project has looked at; a TF.js op missing here is
// shown blank (not checked), never as absent from Keras.
const KERAS_OPS = {
  abs: 'abs',
  acos: 'arccos',
  acosh: 'arccosh',
  add: 'add',
  all: 'all',
  any: 'any',
  argMax: 'argmax',
  argMin: 'argmin',
  asin: 'arcsin',
  asinh: 'arcsinh',
  atan: 'arctan',
  atan2: 'arctan2',
  atanh: 'arctanh',
  avgPool: 'average_pool',
  broadcastTo: 'broadcast_to',
  cast: 'cast',
  ceil: 'ceil',
  clipByValue: 'clip',
  clone: 'copy',
  concat: 'concatenate',
  conv1d: 'conv',
  conv2d: 'conv',
  conv2dTranspose: 'conv_transpose',
  cos: 'cos',
  cosh: 'cosh',
  cumprod: 'cumprod',
  cumsum: 'cumsum',
  customGrad: 'custom_gradient',
  depthwiseConv2d: 'depthwise_conv',
  diag: 'diag',
  div: 'divide',
  dot: 'dot',
  dropout: 'random.dropout',
  einsum: 'einsum',
  elu: 'elu',
  equal: 'equal',
  erf: 'erf',
  exp: 'exp',
  expandDims: 'expand_dims',
  expm1: 'expm1',
  eye: 'eye',
  fill: 'full',
  floor: 'floor',
  floorDiv: 'floor_divide',
  gather: 'take',
  greater: 'greater',
  greaterEqual: 'greater_equal',
  'image.resizeBilinear': 'image.resize',
  'image.resizeNearestNeighbor': 'image.resize',
  isFinite: 'isfinite',
  isInf: 'isinf',
  isNaN: 'isnan',
  leakyRelu: 'leaky_relu',
  less: 'less',
  lessEqual: 'less_equal',
  linspace: 'linspace',
  log: 'log',
  log1p: 'log1p',
  logSigmoid: 'log_sigmoid',
  logSoftmax: 'log_softmax',
  logSumExp: 'logsumexp',
  logicalAnd: 'logical_and',
  logicalNot: 'logical_not',
  logicalOr: 'logical_or',
  logicalXor: 'logical_xor',
  matMul: 'matmul',
  max: 'max',
  maxPool: 'max_pool',
  maximum: 'maximum',
  mean: 'mean',
  min: 'min',
  minimum: 'minimum',
  mirrorPad: 'pad',
  mod: 'mod',
  moments: 'moments',
  mul: 'multiply',
  neg: 'negative',
  norm: 'norm',
  notEqual: 'not_equal',
  oneHot: 'one_hot',
  ones: 'ones',
  onesLike: 'ones_like',
  outerProduct: 'outer',
  pad: 'pad',
  pow: 'power',
  prod: 'prod',
  randomNormal: 'random.normal',
  randomUniform: 'random.uniform',
  range: 'arange',
  reciprocal: 'reciprocal',
  relu: 'relu',
  relu6: 'relu6',
  reshape: 'reshape',
  reverse: 'flip',
  round: 'round',
  rsqrt: 'rsqrt',
  scatterND: 'scatter',
  selu: 'selu',
  separableConv2d: 'separable_conv',
  sigmoid: 'sigmoid',
  sign: 'sign',
  sin: 'sin',
  sinh: 'sinh',
  slice: 'slice',
  softmax: 'softmax',
  softplus: 'softplus',
  split: 'split',
  sqrt: 'sqrt',
  square: 'square',
  squeeze: 'squeeze',
  stack: 'stack',
  sub: 'subtract',
  sum: 'sum',
  tan: 'tan',
  tanh: 'tanh',
  tensor: 'convert_to_tensor',
  tile: 'tile',
  topk: 'top_k',
  transpose: 'transpose',
  truncatedNormal: 'random.truncated_normal',
  unstack: 'unstack',
  where: 'where',
  zeros: 'zeros',
  zerosLike: 'zeros_like',
};

// TF.js functions that are not kernels' ops (no engine scope of their own) but that users call as
// `tf.*`: creation, autodiff and memory helpers.
const TFJS_API = [
  'tensor',
  'scalar',
  'tensor1d',
  'tensor2d',
  'tensor3d',
  'tensor4d',
  'zeros',
  'ones',
  'fill',
  'range',
  'linspace',
  'variable',
  'print',
  'customGrad',
  'grad',
  'grads',
  'valueAndGrad',
  'valueAndGrads',
  'variableGrads',
  'tidy',
  'keep',
  'dispose',
  'memory',
  'time',
  'profile',
  'setBackend',
  'getBackend',
  'ready',
];

const has = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj) !== undefined;
const mark = (yes) => (yes ? 'yes' : '—');
const keras = (name, table, prefix) => {
  if (!(name in table)) return '';
  return table[name] === null ? '—' : `\`${prefix}${table[name]}\``;
};

function layerRows() {
  const names = new Set([...Object.keys(tfl.layers), ...Object.keys(tl.layers)]);
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((n) => `| \`${n}\` | ${mark(has(tl.layers, n))} | ${mark(has(tfl.layers, n))} | ${keras(n, KERAS_LAYERS, 'layers.')} |`);
}

function opRows() {
  const isOp = (k) => typeof tf[k] === 'function' && /^[a-z]/.test(k) && tf[k].toString().includes('startScope');
  const names = new Set([...Object.keys(tf).filter(isOp), ...TFJS_API, ...Object.keys(tf.image).map((k) => `image.${k}`)]);
  names.delete('op');
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((n) => `| \`${n}\` | ${mark(has(core, n))} | ${mark(has(tf, n))} | ${keras(n, KERAS_OPS, 'ops.')} |`);
}

function count(rows) {
  const ours = rows.filter((r) => r.split('|')[2].trim() === 'yes').length;
  const theirs = rows.filter((r) => r.split('|')[3].trim() === 'yes').length;
  const both = rows.filter((r) => r.split('|')[2].trim() === 'yes' && r.split('|')[3].trim() === 'yes').length;
  return { ours, theirs, both };
}

const layers = layerRows();
const ops = opRows();
const lc = count(layers);
const oc = count(ops);
const raw = `# Layers and ops: Tensile, TensorFlow.js 4.22 and Keras 3

Generated by \`node scripts/breadth-table.mjs\` from the installed packages (a test fails when it
is stale): the Tensile column is what \`@tensile/layers\`' \`layers\` and \`@tensile/core\` export
under the TF.js name, the TF.js column what tfjs-layers and tfjs-core 4.22 export. The Keras 3
column is kept by hand: \`layers.X\` is \`keras.layers.X\`, \`ops.x\` is \`keras.ops.x\`; a dash
means Keras 3 has no such layer, a blank that the row was not checked.

Layers: Tensile ${lc.ours}, TF.js ${lc.theirs}, both ${lc.both}. Ops and \`tf.*\` functions: Tensile
${oc.ours} of the ${oc.theirs} listed from TF.js (both ${oc.both}).

Where Tensile computes differently from one of them, and why: [tfjs-keras-differences.md](tfjs-keras-differences.md)
and [ops-semantics.md](ops-semantics.md).

## Layers (\`layers.*\`)

| name | Tensile | TF.js 4.22 | Keras 3 |
| --- | --- | --- | --- |
${layers.join('\n')}

## Ops and functions (\`tf.*\`, \`tf.image.*\`)

| name | Tensile | TF.js 4.22 | Keras 3 |
| --- | --- | --- | --- |
${ops.join('\n')}
`;

// Biome formats markdown in this repository (it aligns table columns); the file is written the
// way the lint expects it.
const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin', 'biome');
const formatted = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${out}`], {
  cwd: root,
  input: raw,
  encoding: 'utf8',
});
if (formatted.status !== 0) {
  console.error(`breadth-table: biome format failed: ${formatted.stderr}`);
  process.exit(1);
}
const text = formatted.stdout;

if (process.argv.includes('--check')) {
  let onDisk = '';
  try {
    onDisk = readFileSync(out, 'utf8');
  } catch {}
  if (onDisk !== text) {
    console.error(`breadth-table: ${out} is stale; run node scripts/breadth-table.mjs`);
    process.exit(1);
  }
  console.log('breadth-table: docs/layers-and-ops.md is current');
} else {
  writeFileSync(out, text);
  console.log(`breadth-table: wrote ${out} (layers ${lc.ours}/${lc.theirs}, ops ${oc.ours}/${oc.theirs})`);
}
