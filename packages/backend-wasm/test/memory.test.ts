/**
 * A small LeNet-shaped training loop on the wasm backend: after the first steps have sized the
 * arena, further steps must neither grow the heap nor leave tensors behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAdam,
  avgPool,
  dispose,
  fused,
  logSoftmax,
  mean,
  mul,
  neg,
  randomNormal,
  randomUniform,
  registerBackend,
  removeBackend,
  reshape,
  setBackend,
  sum,
  tidy,
  variable,
  variableGrads,
  zeros,
  type Tensor,
  type Variable,
} from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { createWasmBackend, type WasmBackend } from '../src/index.js';

const BATCH = 16;

function model(): Variable[] {
  return tidy(() =>
    ([[5, 5, 1, 6], [6], [5, 5, 6, 16], [16], [400, 10], [10]] as const).map((s, i) =>
      variable(s.length === 1 ? zeros([...s]) : mul(randomNormal([...s], 0, 1, 'float32', i + 1), 0.1), true, `w${i}`),
    ),
  );
}

function loss(p: Variable[], x: Tensor, y: Tensor): Tensor {
  let h = fused.conv2d({ x, filter: p[0], strides: 1, pad: 'valid', bias: p[1], activation: 'tanh' });
  h = avgPool(h, 2, 2, 'valid');
  h = fused.conv2d({ x: h, filter: p[2], strides: 1, pad: 'valid', bias: p[3], activation: 'tanh' });
  h = reshape(avgPool(h, 2, 2, 'valid'), [BATCH, 400]);
  const logits = fused.matMul({ a: h, b: p[4], bias: p[5] });
  return neg(mean(sum(mul(y, logSoftmax(logits)), -1)));
}

for (const threads of [1, 2]) {
  describe(`wasm memory across training steps, ${threads} thread(s)`, () => {
    let backend: WasmBackend;
    const name = `wasm-memory-${threads}`;
    beforeAll(async () => {
      backend = createWasmBackend({ threads });
      registerBackend(name, () => backend, 0);
      await setBackend(name);
    });
    afterAll(() => removeBackend(name));

    it('the heap stops growing after warm-up and no tensor leaks', () => {
      const params = model();
      const ms = tidy(() => params.map((v) => variable(zeros(v.shape), false)));
      const vs = tidy(() => params.map((v) => variable(zeros(v.shape), false)));
      const step = (t: number): void => {
        tidy(() => {
          const x = randomUniform([BATCH, 32, 32, 1], 0, 1, 'float32', t);
          const y = tidy(() => mul(randomUniform([BATCH, 10], 0, 1, 'float32', 1000 + t), 0.2));
          const { value, grads } = variableGrads(() => loss(params, x, y), params);
          params.forEach((p, i) =>
            applyAdam(p, grads[p.name], ms[i], vs[i], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: t }),
          );
          return value;
        }).dispose();
      };
      step(1);
      step(2);
      const tensors = undisposedTensors();
      const before = backend.memory();
      for (let t = 3; t <= 12; t++) step(t);
      const after = backend.memory();
      expect(undisposedTensors()).toBe(tensors);
      expect(after.heapBytes).toBe(before.heapBytes);
      expect(after.arenaBytes).toBe(before.arenaBytes);
      expect(after.numDataIds).toBe(before.numDataIds);
      dispose([...params, ...ms, ...vs]);
    });
  });
}
