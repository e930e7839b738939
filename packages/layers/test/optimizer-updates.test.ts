/** Each optimizer against Keras' update formulas, hand-written in float64, for three steps. */
import '@tensile/backend-cpu';
import { ready, tensor, variable, type Variable } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adagrad, Adam, AdamW, type Optimizer, RMSprop, SGD, get } from '../src/optimizers/index.js';

beforeAll(async () => {
  await ready();
});

const W0 = [0.5, -1.5, 2];
const GRADS = [
  [0.1, -0.2, 0.3],
  [-0.4, 0.5, 0.05],
  [0.2, 0.2, -0.6],
];

/** Runs three steps of `opt` and returns the variable's values after each. */
function run(opt: Optimizer, grads = GRADS, w0 = W0): number[][] {
  const w: Variable = variable(tensor(w0), true, `w_${Math.random()}`);
  const out: number[][] = [];
  for (const g of grads) {
    const gt = tensor(g);
    opt.applyGradients([[gt, w]]);
    gt.dispose();
    out.push(Array.from(w.dataSync()));
  }
  opt.dispose();
  w.dispose();
  return out;
}

/** Three steps of a per-element update rule `step(w, g, state, t)` in float64. */
function reference(
  update: (w: number, g: number, s: Record<string, number>, t: number) => number,
  init: Record<string, number> = {},
  grads = GRADS,
): number[][] {
  const w = [...W0];
  const state = W0.map(() => ({ ...init }));
  return grads.map((g, t) => {
    for (let i = 0; i < w.length; i++) w[i] = update(w[i], g[i], state[i], t + 1);
    return [...w];
  });
}

function expectClose(got: number[][], want: number[][]): void {
  got.forEach((row, s) => row.forEach((v, i) => expect(v, `step ${s + 1}, element ${i}`).toBeCloseTo(want[s][i], 5)));
}

describe('optimizers follow Keras formulas', () => {
  it('SGD', () => {
    expectClose(
      run(new SGD({ learningRate: 0.1 })),
      reference((w, g) => w - 0.1 * g),
    );
  });

  it('SGD with momentum', () => {
    const want = reference(
      (w, g, s) => {
        s.v = 0.9 * s.v - 0.1 * g;
        return w + s.v;
      },
      { v: 0 },
    );
    expectClose(run(new SGD({ learningRate: 0.1, momentum: 0.9 })), want);
  });

  it('SGD with Nesterov momentum', () => {
    const want = reference(
      (w, g, s) => {
        s.v = 0.9 * s.v - 0.1 * g;
        return w + 0.9 * s.v - 0.1 * g;
      },
      { v: 0 },
    );
    expectClose(run(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })), want);
  });

  const adamRule =
    (lr: number, wd = 0) =>
    (w: number, g: number, s: Record<string, number>, t: number): number => {
      w -= w * wd * lr;
      s.m += (g - s.m) * (1 - 0.9);
      s.v += (g * g - s.v) * (1 - 0.999);
      const alpha = (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      return w - (alpha * s.m) / (Math.sqrt(s.v) + 1e-7);
    };

  it('Adam', () => {
    expectClose(run(new Adam({ learningRate: 0.01 })), reference(adamRule(0.01), { m: 0, v: 0 }));
  });

  it('AdamW decays the weights before the Adam step (default weightDecay 0.004)', () => {
    expectClose(run(new AdamW({ learningRate: 0.01 })), reference(adamRule(0.01, 0.004), { m: 0, v: 0 }));
    expectClose(run(new AdamW({ learningRate: 0.05, weightDecay: 0.1 })), reference(adamRule(0.05, 0.1), { m: 0, v: 0 }));
  });

  it('RMSprop, plain, with momentum, and centered', () => {
    const plain = reference(
      (w, g, s) => {
        s.v = 0.9 * s.v + 0.1 * g * g;
        return w - (0.01 * g) / Math.sqrt(s.v + 1e-7);
      },
      { v: 0 },
    );
    expectClose(run(new RMSprop({ learningRate: 0.01 })), plain);
    const momentum = reference(
      (w, g, s) => {
        s.v = 0.9 * s.v + 0.1 * g * g;
        s.m = 0.5 * s.m + (0.01 * g) / Math.sqrt(s.v + 1e-7);
        return w - s.m;
      },
      { v: 0, m: 0 },
    );
    expectClose(run(new RMSprop({ learningRate: 0.01, momentum: 0.5 })), momentum);
    const centered = reference(
      (w, g, s) => {
        s.v = 0.9 * s.v + 0.1 * g * g;
        s.a = 0.9 * s.a + 0.1 * g;
        return w - (0.01 * g) / Math.sqrt(s.v - s.a * s.a + 1e-7);
      },
      { v: 0, a: 0 },
    );
    expectClose(run(new RMSprop({ learningRate: 0.01, centered: true })), centered);
  });

  it('Adagrad starts its accumulator at 0.1', () => {
    const want = reference(
      (w, g, s) => {
        s.acc += g * g;
        return w - (0.1 * g) / Math.sqrt(s.acc + 1e-7);
      },
      { acc: 0.1 },
    );
    expectClose(run(new Adagrad({ learningRate: 0.1 })), want);
  });

  it('clipvalue clips each element', () => {
    const clip = (g: number): number => Math.max(-0.25, Math.min(0.25, g));
    expectClose(
      run(new SGD({ learningRate: 1, clipvalue: 0.25 })),
      reference((w, g) => w - clip(g)),
    );
  });

  it('clipnorm rescales each gradient to norm <= c', () => {
    const c = 0.3;
    const want = [...W0];
    const expected = GRADS.map((g) => {
      const n = Math.hypot(...g);
      g.forEach((v, i) => (want[i] -= (v * c) / Math.max(n, c)));
      return [...want];
    });
    expectClose(run(new SGD({ learningRate: 1, clipnorm: c })), expected);
  });

  it('globalClipnorm rescales all gradients together', () => {
    const a = variable(tensor([3, 0]), true, 'gc_a');
    const b = variable(tensor([0]), true, 'gc_b');
    const opt = new SGD({ learningRate: 1, globalClipnorm: 1 });
    const ga = tensor([3, 0]);
    const gb = tensor([4]);
    opt.applyGradients([
      [ga, a],
      [gb, b],
    ]);
    // Joint norm 5 -> scaled by 1/5.
    expect(Array.from(a.dataSync())).toEqual([expect.closeTo(3 - 0.6, 6), 0]);
    expect(b.dataSync()[0]).toBeCloseTo(-0.8, 6);
    for (const t of [a, b, ga, gb]) t.dispose();
  });

  it('rejects two clipping options at once', () => {
    expect(() => new SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/at most one/);
  });

  it('a learning rate set between steps is used by the next step', () => {
    const opt = new SGD({ learningRate: 0.1 });
    const w = variable(tensor([1]), true, 'lr_w');
    const g = tensor([1]);
    opt.applyGradients([[g, w]]);
    opt.learningRate = 0.5;
    opt.applyGradients([[g, w]]);
    expect(w.dataSync()[0]).toBeCloseTo(1 - 0.1 - 0.5, 6);
    expect(opt.iterations).toBe(2);
    opt.dispose();
    w.dispose();
    g.dispose();
  });

  it('a schedule gives the rate from the step', () => {
    const opt = new SGD({ learningRate: (step) => 0.1 / (step + 1) });
    const w = variable(tensor([0]), true, 'sched_w');
    const g = tensor([1]);
    for (let i = 0; i < 3; i++) opt.applyGradients([[g, w]]);
    expect(w.dataSync()[0]).toBeCloseTo(-(0.1 + 0.05 + 0.1 / 3), 6);
    opt.dispose();
    w.dispose();
    g.dispose();
  });
});

describe('optimizer state and lookup', () => {
  it('creates state once in build and frees it on dispose', () => {
    const w = variable(tensor([1, 2]), true, 'state_w');
    const g = tensor([0.1, 0.1]);
    const before = undisposedTensors();
    const opt = new Adam();
    opt.applyGradients([[g, w]]);
    const built = undisposedTensors();
    expect(built - before).toBe(2);
    expect(opt.variables.map((v) => v.name)).toEqual(['adam/state_w/m', 'adam/state_w/v']);
    opt.applyGradients([[g, w]]);
    opt.applyGradients([[g, w]]);
    expect(undisposedTensors()).toBe(built);
    opt.dispose();
    expect(undisposedTensors()).toBe(before);
    w.dispose();
    g.dispose();
  });

  it('get takes names in any case, configs and instances', () => {
    expect(get('adam')).toBeInstanceOf(Adam);
    expect(get('SGD')).toBeInstanceOf(SGD);
    expect(get('rmsprop')).toBeInstanceOf(RMSprop);
    expect(get('adagrad')).toBeInstanceOf(Adagrad);
    expect(get('AdamW')).toBeInstanceOf(AdamW);
    const fromConfig = get({ className: 'Adam', config: { learning_rate: 0.05, beta_1: 0.8, clipnorm: null } });
    expect(fromConfig.learningRate).toBe(0.05);
    expect((fromConfig as Adam).beta1).toBe(0.8);
    const sgd = new SGD({ momentum: 0.9 });
    expect(get(sgd)).toBe(sgd);
    expect(get(sgd.serialize())).toBeInstanceOf(SGD);
    expect((get(sgd.serialize()) as SGD).momentum).toBe(0.9);
    expect(() => get('nadamx')).toThrow(/unknown optimizer 'nadamx'/);
  });
});
