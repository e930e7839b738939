import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  add,
  dispose,
  matMul,
  mean,
  memory,
  mul,
  randomNormal,
  randomUniform,
  registerBackend,
  removeBackend,
  setBackend,
  sin,
  square,
  sub,
  tanh,
  tensor,
  tidy,
  variable,
  variableGrads,
  zeros,
  type Tensor,
  type Variable,
} from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { CpuBackend } from '../src/index.js';

// A fixed synthetic regression, y = sin(3 x0) + x1^2 / 2 on 256 points, fitted by a 2-32-1 tanh
// MLP with plain gradient descent written with core ops only.
function problem(): { x: Tensor; y: Tensor } {
  return tidy(() => {
    const x = randomUniform([256, 2], -1, 1, 'float32', 7);
    const x0 = matMul(x, tensor([[1], [0]]));
    const x1 = matMul(x, tensor([[0], [1]]));
    return { x, y: add(sin(mul(x0, 3)), mul(square(x1), 0.5)) };
  });
}

function mlp(): Variable[] {
  return [
    variable(randomNormal([2, 32], 0, 0.8, 'float32', 11), true, 'w1'),
    variable(zeros([32]), true, 'b1'),
    variable(randomNormal([32, 1], 0, 0.3, 'float32', 12), true, 'w2'),
    variable(zeros([1]), true, 'b2'),
  ];
}

function train(x: Tensor, y: Tensor, params: Variable[], steps: number, lr: number): number[] {
  const [w1, b1, w2, b2] = params;
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    tidy(() => {
      const { value, grads } = variableGrads(() => {
        const h = tanh(add(matMul(x, w1), b1));
        const out = add(matMul(h, w2), b2);
        return mean(square(sub(out, y)));
      });
      for (const p of params) p.assign(sub(p, mul(grads[p.name], lr)));
      losses.push(value.dataSync()[0]);
    });
  }
  return losses;
}

beforeAll(async () => {
  registerBackend('mlp-a', () => new CpuBackend(), 60);
  registerBackend('mlp-b', () => new CpuBackend(), 59);
  await setBackend('mlp-a');
});
afterAll(async () => {
  await setBackend('cpu');
  removeBackend('mlp-a');
  removeBackend('mlp-b');
});

describe('a small MLP on core ops', () => {
  it('loss falls 10x in 200 steps and no tensor leaks', () => {
    const { x, y } = problem();
    const params = mlp();
    const start = undisposedTensors();
    const losses = train(x, y, params, 200, 0.3);
    expect(undisposedTensors()).toBe(start);
    expect(losses[199]).toBeLessThan(losses[0] / 10);
    expect(memory().numCollected).toBe(0);
    dispose([x, y, params]);
  });

  it('keeps training across setBackend in the middle of the loop', async () => {
    const { x, y } = problem();
    const params = mlp();
    const start = undisposedTensors();
    const first = train(x, y, params, 100, 0.3);
    await setBackend('mlp-b');
    expect(params.every((p) => p.backendName === 'mlp-b')).toBe(true);
    const second = train(x, y, params, 100, 0.3);
    // The second half starts where the first ended: same weights, so the same loss.
    expect(second[0]).toBeLessThan(first[0] / 2);
    expect(Math.abs(second[0] - first[99]) / first[99]).toBeLessThan(0.05);
    expect(second[99]).toBeLessThan(first[0] / 10);
    expect(undisposedTensors()).toBe(start);
    await setBackend('mlp-a');
    dispose([x, y, params]);
  });
});
