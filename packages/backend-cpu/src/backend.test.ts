import {
  ArgumentError,
  kernelSpecs,
  uniformAt,
  type BackendValues,
  type Conv2dAttrs,
  type DType,
  type Pool2dAttrs,
  type Shape,
  type TensorInfo,
} from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './backend.js';
import { cpuKernels } from './kernels/index.js';

const backend = new CpuBackend();
// The table itself, whose type says every optional kernel is there (the backend's says it may not be).
const k = cpuKernels;

function tensor(values: ArrayLike<number>, shape: Shape, dtype: DType = 'float32'): TensorInfo {
  const arr = dtype === 'float32' ? Float32Array.from(values) : dtype === 'int32' ? Int32Array.from(values) : Uint8Array.from(values);
  return { dataId: backend.write(arr, dtype), shape, dtype };
}

function random(shape: Shape, seed: number): TensorInfo {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Array.from({ length: n }, (_, i) => uniformAt(seed, i) * 2 - 1),
    shape,
  );
}

function read(info: TensorInfo): BackendValues {
  return backend.readSync(info.dataId);
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i] - want[i]) > tol * (1 + Math.abs(want[i]))) {
      throw new Error(`element ${i}: got ${got[i]}, want ${want[i]}`);
    }
  }
}

const pad = (top: number, bottom: number, left: number, right: number) => ({ top, bottom, left, right });

interface ConvCase {
  x: Shape;
  f: Shape;
  attrs: Conv2dAttrs;
}

/** Direct convolution: y[n, oy, ox, co] = sum x[n, oy*s - p + ky*d, ox*s - p + kx*d, ci] * f[ky, kx, ci, co]. */
function forEachTap(c: ConvCase, yShape: Shape, visit: (xi: number, fi: number, yi: number) => void): void {
  const [n, h, w, ci] = c.x;
  const [fh, fw, , co] = c.f;
  const [, oh, ow] = yShape;
  const {
    strides: [sh, sw],
    dilations: [dh, dw],
    pad: p,
  } = c.attrs;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        for (let ky = 0; ky < fh; ky++)
          for (let kx = 0; kx < fw; kx++) {
            const iy = oy * sh - p.top + ky * dh;
            const ix = ox * sw - p.left + kx * dw;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            for (let i = 0; i < ci; i++)
              for (let o = 0; o < co; o++) {
                visit(((b * h + iy) * w + ix) * ci + i, ((ky * fw + kx) * ci + i) * co + o, ((b * oh + oy) * ow + ox) * co + o);
              }
          }
      }
}

const convCases: [string, ConvCase][] = [
  ['valid 5x5', { x: [2, 9, 8, 1], f: [5, 5, 1, 6], attrs: { strides: [1, 1], pad: pad(0, 0, 0, 0), dilations: [1, 1] } }],
  ['same, stride 2, odd pad', { x: [3, 7, 6, 3], f: [3, 3, 3, 5], attrs: { strides: [2, 2], pad: pad(1, 1, 0, 1), dilations: [1, 1] } }],
  [
    'dilated, asymmetric stride',
    { x: [1, 11, 10, 2], f: [3, 2, 2, 3], attrs: { strides: [1, 3], pad: pad(2, 1, 1, 2), dilations: [2, 3] } },
  ],
  ['pointwise', { x: [2, 4, 5, 7], f: [1, 1, 7, 3], attrs: { strides: [1, 1], pad: pad(0, 0, 0, 0), dilations: [1, 1] } }],
  // 2*20*20 pixels with 144-long patches spans several im2col chunks.
  ['several chunks', { x: [2, 20, 20, 16], f: [3, 3, 16, 4], attrs: { strides: [1, 1], pad: pad(1, 1, 1, 1), dilations: [1, 1] } }],
];

describe('conv2d and its gradients match direct formulas', () => {
  for (const [name, c] of convCases) {
    const x = random(c.x, 1);
    const f = random(c.f, 2);
    const xv = read(x);
    const fv = read(f);
    const out = kernelSpecs.conv2d.infer({ x, filter: f }, c.attrs);

    it(`conv2d: ${name}`, () => {
      const y = { ...out, dataId: k.conv2d(backend, { x, filter: f }, c.attrs, out) };
      const want = new Float64Array(read(y).length);
      forEachTap(c, out.shape, (xi, fi, yi) => (want[yi] += xv[xi] * fv[fi]));
      expectClose(read(y), want);
    });

    it(`conv2dBackpropInput and conv2dBackpropFilter: ${name}`, () => {
      const dy = random(out.shape, 3);
      const dyv = read(dy);
      const inputShape: [number, number, number, number] = [c.x[0], c.x[1], c.x[2], c.x[3]];
      const filterShape: [number, number, number, number] = [c.f[0], c.f[1], c.f[2], c.f[3]];
      const dxOut = kernelSpecs.conv2dBackpropInput.infer({ dy, filter: f }, { ...c.attrs, inputShape });
      const dx = k.conv2dBackpropInput(backend, { dy, filter: f }, { ...c.attrs, inputShape }, dxOut);
      const dfOut = kernelSpecs.conv2dBackpropFilter.infer({ x, dy }, { ...c.attrs, filterShape });
      const df = k.conv2dBackpropFilter(backend, { x, dy }, { ...c.attrs, filterShape }, dfOut);
      const wantDx = new Float64Array(xv.length);
      const wantDf = new Float64Array(fv.length);
      forEachTap(c, out.shape, (xi, fi, yi) => {
        wantDx[xi] += dyv[yi] * fv[fi];
        wantDf[fi] += dyv[yi] * xv[xi];
      });
      expectClose(backend.readSync(dx), wantDx);
      expectClose(backend.readSync(df), wantDf);
    });
  }

  it('fusedConv2d adds the bias and applies the activation', () => {
    const [, c] = convCases[1];
    const x = random(c.x, 4);
    const f = random(c.f, 5);
    const bias = random([c.f[3]], 6);
    const out = kernelSpecs.conv2d.infer({ x, filter: f }, c.attrs);
    const plain = backend.readSync(k.conv2d(backend, { x, filter: f }, c.attrs, out));
    const fused = backend.readSync(k.fusedConv2d(backend, { x, filter: f, bias }, { ...c.attrs, activation: 'relu' }, out));
    const b = read(bias);
    expectClose(
      fused,
      Array.from(plain, (v, i) => Math.max(0, v + b[i % b.length])),
      1e-6,
    );
  });
});

/** Direct pooling over a [n, h, w, c] input: max with the first row-major argmax, and in-bounds average. */
function naivePool(xv: ArrayLike<number>, xs: Shape, ys: Shape, a: Pool2dAttrs) {
  const [n, h, w, c] = xs;
  const [, oh, ow] = ys;
  const max: number[] = [];
  const arg: number[] = [];
  const avg: number[] = [];
  const cells: number[][] = [];
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ch = 0; ch < c; ch++) {
          const idx: number[] = [];
          for (let ky = 0; ky < a.filterSize[0]; ky++)
            for (let kx = 0; kx < a.filterSize[1]; kx++) {
              const iy = oy * a.strides[0] - a.pad.top + ky;
              const ix = ox * a.strides[1] - a.pad.left + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) idx.push(((b * h + iy) * w + ix) * c + ch);
            }
          let best = idx[0];
          for (const i of idx) if (xv[i] > xv[best]) best = i;
          max.push(xv[best]);
          arg.push(best);
          avg.push(idx.reduce((s, i) => s + xv[i], 0) / idx.length);
          cells.push(idx);
        }
  return { max, arg, avg, cells };
}

describe('pooling matches direct formulas', () => {
  const cases: [string, Shape, Pool2dAttrs][] = [
    ['3x3 stride 2 same', [2, 7, 6, 3], { filterSize: [3, 3], strides: [2, 2], pad: pad(1, 1, 1, 1) }],
    ['2x2 valid', [1, 6, 5, 2], { filterSize: [2, 2], strides: [2, 2], pad: pad(0, 0, 0, 0) }],
    ['3x2 stride 1 odd pad', [1, 4, 5, 1], { filterSize: [3, 2], strides: [1, 1], pad: pad(1, 1, 0, 1) }],
  ];
  for (const [name, shape, attrs] of cases) {
    it(name, () => {
      // Values from a small set, so windows hold ties and the first-maximum rule matters.
      const size = shape.reduce((p, d) => p * d, 1);
      const x = tensor(
        Array.from({ length: size }, (_, i) => Math.floor(uniformAt(21, i) * 4)),
        shape,
      );
      const xv = read(x);
      const out = kernelSpecs.maxPool.infer({ x }, attrs);
      const want = naivePool(xv, shape, out.shape, attrs);
      expect(Array.from(backend.readSync(k.maxPool(backend, { x }, attrs, out)))).toEqual(want.max);
      expectClose(backend.readSync(k.avgPool(backend, { x }, attrs, out)), want.avg, 1e-6);
      const dy = random(out.shape, 22);
      const dyv = read(dy);
      const dxShape = { shape, dtype: 'float32' as const };
      const wantMax = new Float64Array(size);
      const wantAvg = new Float64Array(size);
      want.arg.forEach((i, o) => (wantMax[i] += dyv[o]));
      want.cells.forEach((cells, o) => cells.forEach((i) => (wantAvg[i] += dyv[o] / cells.length)));
      expectClose(backend.readSync(k.maxPoolGrad(backend, { dy, x }, attrs, dxShape)), wantMax, 1e-6);
      expectClose(backend.readSync(k.avgPoolGrad(backend, { dy, x }, attrs, dxShape)), wantAvg, 1e-6);
    });
  }
});

describe('elementwise semantics', () => {
  const unary = (op: 'round' | 'gelu' | 'selu' | 'softplus' | 'sigmoid', values: number[]) => {
    const x = tensor(values, [values.length]);
    return Array.from(backend.readSync(k.unary(backend, { x }, { op, alpha: 0 }, x)));
  };

  it('rounds half to even', () => {
    expect(unary('round', [0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6])).toEqual([0, 2, 2, -0, -2, 2, -3]);
  });

  it('computes exact gelu, selu, stable softplus and sigmoid', () => {
    expectClose(unary('gelu', [-3, -1, 0, 0.5, 2]), [-0.0040496998, -0.15865525, 0, 0.34573123, 1.9544997], 1e-6);
    expectClose(unary('selu', [-1, 2]), [1.0507009873554805 * 1.6732632423543772 * Math.expm1(-1), 2.101401974710961], 1e-6);
    expectClose(unary('softplus', [-100, 0, 100]), [Math.exp(-100), Math.LN2, 100], 1e-6);
    expectClose(unary('sigmoid', [-1000, 0, 1000]), [0, 0.5, 1], 1e-7);
  });

  it('int32 floorDiv/div floor and mod takes the divisor sign', () => {
    const a = tensor([7, -7, 7, -7], [4], 'int32');
    const b = tensor([2, 2, -2, -2], [4], 'int32');
    const bin = (op: 'div' | 'floorDiv' | 'mod' | 'pow') =>
      Array.from(backend.readSync(k.binary(backend, { a, b }, { op }, { shape: [4], dtype: 'int32' })));
    expect(bin('div')).toEqual([3, -4, -4, 3]);
    expect(bin('floorDiv')).toEqual([3, -4, -4, 3]);
    expect(bin('mod')).toEqual([1, 1, -1, -1]);
  });

  it('broadcasts binary operands and compares to bool', () => {
    const a = random([2, 1, 3], 9);
    const b = random([4, 1], 10);
    const out = kernelSpecs.binary.infer({ a, b }, { op: 'sub' });
    const y = backend.readSync(k.binary(backend, { a, b }, { op: 'sub' }, out));
    const av = read(a);
    const bv = read(b);
    const want: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) for (let l = 0; l < 3; l++) want.push(av[i * 3 + l] - bv[j]);
    expectClose(y, want, 1e-7);
    const lt = k.binary(backend, { a, b }, { op: 'less' }, { shape: out.shape, dtype: 'bool' });
    const ltv = backend.readSync(lt);
    expect(ltv).toBeInstanceOf(Uint8Array);
    expect(Array.from(ltv)).toEqual(want.map((v) => (v < 0 ? 1 : 0)));
  });
});

describe('reductions, matmul and layout', () => {
  it('reduces non-contiguous axes and returns the first arg-extreme', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
    const sum = k.reduce(backend, { x }, { op: 'sum', axes: [0, 2], keepDims: false }, { shape: [3], dtype: 'float32' });
    expect(Array.from(backend.readSync(sum))).toEqual([1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12]);
    const t = tensor([3, 1, 3, 2, 2, 0], [2, 3], 'int32');
    const am = k.reduce(backend, { x: t }, { op: 'argMax', axes: [1], keepDims: false }, { shape: [2], dtype: 'int32' });
    expect(Array.from(backend.readSync(am))).toEqual([0, 0]);
    const mean = k.reduce(backend, { x: t }, { op: 'mean', axes: [0, 1], keepDims: false }, { shape: [], dtype: 'float32' });
    expect(Array.from(backend.readSync(mean))).toEqual([11 / 6].map(Math.fround));
  });

  it('matMul broadcasts a batch of one and honours transposes', () => {
    const a = random([3, 5, 4], 11);
    const b = random([1, 6, 5], 12);
    const out = kernelSpecs.matMul.infer({ a, b }, { transposeA: true, transposeB: true });
    const y = backend.readSync(k.matMul(backend, { a, b }, { transposeA: true, transposeB: true }, out));
    const av = read(a);
    const bv = read(b);
    const want: number[] = [];
    for (let t = 0; t < 3; t++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 6; j++) {
          let s = 0;
          for (let p = 0; p < 5; p++) s += av[t * 20 + p * 4 + i] * bv[j * 5 + p];
          want.push(s);
        }
    expectClose(y, want, 1e-6);
  });

  it('slices, pads, concatenates, transposes and gathers', () => {
    const x = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [2, 3, 2], 'int32');
    const s = k.slice(backend, { x }, { begin: [1, 1, 0], size: [1, 2, 2] }, { shape: [1, 2, 2], dtype: 'int32' });
    expect(Array.from(backend.readSync(s))).toEqual([8, 9, 10, 11]);
    const p = k.pad(
      backend,
      { x: { ...x, shape: [2, 6] } },
      {
        paddings: [
          [0, 1],
          [1, 0],
        ],
        constantValue: -1,
      },
      { shape: [3, 7], dtype: 'int32' },
    );
    expect(Array.from(backend.readSync(p))).toEqual([-1, 0, 1, 2, 3, 4, 5, -1, 6, 7, 8, 9, 10, 11, -1, -1, -1, -1, -1, -1, -1]);
    const c = k.concat(backend, { xs: [x, x] }, { axis: 1 }, { shape: [2, 6, 2], dtype: 'int32' });
    expect(Array.from(backend.readSync(c)).slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    const tr = k.transpose(backend, { x }, { perm: [2, 0, 1] }, { shape: [2, 2, 3], dtype: 'int32' });
    expect(Array.from(backend.readSync(tr))).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
    const idx = tensor([2, 0], [2], 'int32');
    const g = k.gather(backend, { x, indices: idx }, { axis: 1 }, { shape: [2, 2, 2], dtype: 'int32' });
    expect(Array.from(backend.readSync(g))).toEqual([4, 5, 0, 1, 10, 11, 6, 7]);
    const bad = tensor([1, 3], [2], 'int32');
    expect(() => k.gather(backend, { x, indices: bad }, { axis: 1 }, { shape: [2, 2, 2], dtype: 'int32' })).toThrow(ArgumentError);
    expect(() => k.gather(backend, { x, indices: bad }, { axis: 1 }, { shape: [2, 2, 2], dtype: 'int32' })).toThrow(/gather.*3/);
  });
});

describe('optimizers and storage', () => {
  it('applyAdam updates variable, m and v in place (Keras form)', () => {
    const variable = tensor([1, -2], [2]);
    const grad = tensor([0.5, -1], [2]);
    const m = tensor([0.1, 0], [2]);
    const v = tensor([0.01, 0], [2]);
    const attrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3 };
    k.applyAdam(backend, { variable, grad, m, v }, attrs, variable);
    const lrT = (0.01 * Math.sqrt(1 - 0.999 ** 3)) / (1 - 0.9 ** 3);
    const mm = [0.9 * 0.1 + 0.1 * 0.5, 0.1 * -1];
    const vv = [0.999 * 0.01 + 0.001 * 0.25, 0.001 * 1];
    expectClose(read(m), mm, 1e-6);
    expectClose(read(v), vv, 1e-6);
    expectClose(read(variable), [1 - (lrT * mm[0]) / (Math.sqrt(vv[0]) + 1e-7), -2 - (lrT * mm[1]) / (Math.sqrt(vv[1]) + 1e-7)], 1e-6);
  });

  it('applySgd with Nesterov momentum', () => {
    const variable = tensor([1], [1]);
    const grad = tensor([2], [1]);
    const velocity = tensor([0.5], [1]);
    k.applySgd(backend, { variable, grad, velocity }, { learningRate: 0.1, momentum: 0.9, nesterov: true }, variable);
    const vel = 0.9 * 0.5 - 0.1 * 2;
    expectClose(read(velocity), [vel], 1e-6);
    expectClose(read(variable), [1 + 0.9 * vel - 0.1 * 2], 1e-6);
  });

  it('copies on write and read, and counts memory', () => {
    const b = new CpuBackend();
    const src = new Float32Array([1, 2, 3]);
    const id = b.write(src, 'float32');
    src[0] = 99;
    const got = b.readSync(id);
    got[1] = 99;
    expect(Array.from(b.readSync(id))).toEqual([1, 2, 3]);
    expect(b.memory()).toEqual({ numBytes: 12, numDataIds: 1 });
    b.disposeData(id);
    expect(b.memory()).toEqual({ numBytes: 0, numDataIds: 0 });
  });
});
