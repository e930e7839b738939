/**
 * A LeNet-5-shaped training step written with core ops (the layers package is not a dependency
 * of a backend): conv 5x5x6 relu, max pool, conv 5x5x16 relu, max pool, dense 120 relu, dense 84
 * relu, dense 10, softmax cross-entropy, Adam. Used by the tests and by the timing script.
 */
import {
  applyAdam,
  applySgd,
  dispose,
  fused,
  logSoftmax,
  maxPool,
  mean,
  mul,
  neg,
  oneHot,
  randomNormal,
  randomUniform,
  reshape,
  sum,
  tensor,
  tidy,
  variable,
  variableGrads,
  zeros,
  type Tensor,
  type Variable,
} from '@tensile/core';

export interface LeNet {
  readonly vars: Variable[];
  readonly m: Variable[];
  readonly v: Variable[];
  step: number;
}

export function makeLeNet(seed = 1): LeNet {
  const shapes = [[5, 5, 1, 6], [6], [5, 5, 6, 16], [16], [256, 120], [120], [120, 84], [84], [84, 10], [10]];
  const vars = shapes.map((s, i) => {
    const fanIn = s.length === 1 ? 1 : s.slice(0, -1).reduce((p, d) => p * d, 1);
    const init = s.length === 1 ? zeros(s) : randomNormal(s, 0, Math.sqrt(2 / fanIn), 'float32', seed + i);
    const v = variable(init, true, `w${i}`);
    init.dispose();
    return v;
  });
  const state = (): Variable[] =>
    shapes.map((s, i) => {
      const z = zeros(s);
      const v = variable(z, false, `s${i}-${Math.random()}`);
      z.dispose();
      return v;
    });
  return { vars, m: state(), v: state(), step: 0 };
}

function forward(net: LeNet, x: Tensor): Tensor {
  const [f1, b1, f2, b2, w3, b3, w4, b4, w5, b5] = net.vars;
  let h = fused.conv2d({ x, filter: f1, strides: 1, pad: 'valid', bias: b1, activation: 'relu' });
  h = maxPool(h, 2, 2, 'valid');
  h = fused.conv2d({ x: h, filter: f2, strides: 1, pad: 'valid', bias: b2, activation: 'relu' });
  h = maxPool(h, 2, 2, 'valid');
  h = reshape(h, [x.shape[0], 256]);
  h = fused.matMul({ a: h, b: w3, bias: b3, activation: 'relu' });
  h = fused.matMul({ a: h, b: w4, bias: b4, activation: 'relu' });
  return fused.matMul({ a: h, b: w5, bias: b5 });
}

function loss(net: LeNet, x: Tensor, labels: Tensor): Tensor {
  const logits = forward(net, x);
  const target = oneHot(labels, 10, 1, 0, 'float32');
  return mean(neg(sum(mul(target, logSoftmax(logits)), 1)));
}

/** One training step; returns the loss tensor (the caller reads or disposes it). */
export function trainStep(net: LeNet, x: Tensor, labels: Tensor): Tensor {
  net.step++;
  const { value, grads } = variableGrads(() => loss(net, x, labels), net.vars);
  tidy(() => {
    net.vars.forEach((w, i) => {
      const g = grads[w.name];
      applyAdam(w, g, net.m[i], net.v[i], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: net.step });
    });
  });
  dispose(grads);
  return value;
}

/** A step with plain SGD: no attribute changes from step to step, so compileStep replays it. */
export function sgdStep(net: LeNet, x: Tensor, labels: Tensor, learningRate = 0.01): Tensor {
  const { value, grads } = variableGrads(() => loss(net, x, labels), net.vars);
  for (const w of net.vars) applySgd(w, grads[w.name], { learningRate });
  dispose(grads);
  return value;
}

/** A fixed synthetic batch: images in [0, 1) and labels that depend on them, so loss can fall. */
export function syntheticBatch(batch: number, seed = 7): { x: Tensor; labels: Tensor } {
  const x = randomUniform([batch, 28, 28, 1], 0, 1, 'float32', seed);
  const labels = tensor(
    Int32Array.from({ length: batch }, (_, i) => i % 10),
    [batch],
    'int32',
  );
  return { x, labels };
}

export function disposeLeNet(net: LeNet): void {
  dispose([net.vars, net.m, net.v]);
}
