/** Storage and engine behaviour every backend must support: exact write/read round trips of
 *  every dtype, tidy and dispose really freeing backend storage, reshape sharing it, concurrent
 *  reads, in-place kernels not writing shared storage, and moves to a second backend. */
import { BackendMismatchError, DisposedError } from '../../errors.js';
import { dispose, keep, memory, setBackend, tidy } from '../../globals.js';
import { add, applySgd, exp, mul, reshape, tensor, variable } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, expectThrows, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';

function dataIds(ctx: CaseContext): number {
  return memory().backends[ctx.backendName]?.numDataIds ?? 0;
}

function expectCount(what: string, got: number, expected: number): void {
  if (got !== expected) throw new Error(`${what}: ${got}, expected ${expected}`);
}

export const memoryCases: CaseDef[] = [
  {
    group: 'memory',
    name: 'write and read back every dtype exactly',
    run: async (_ctx) => {
      const floats = nd(
        [9],
        [0, -0, 1.5, -3.25e-20, 3.4028234663852886e38, Infinity, -Infinity, NaN, 1.401298464324817e-45].map(Math.fround),
      );
      const ints = nd([5], [0, -1, 2147483647, -2147483648, 123456789]);
      const bools = nd([4], [1, 0, 0, 1]);
      const big = new Rng('memory big').floats([1 << 18]);
      for (const [x, dtype] of [
        [floats, 'float32'],
        [ints, 'int32'],
        [bools, 'bool'],
        [big, 'float32'],
      ] as const) {
        const t = toTensor(x, dtype);
        try {
          await expectTensor(`round trip ${dtype} [${x.shape}]`, t, x, dtype, { rtol: 0, atol: 0 });
        } finally {
          t.dispose();
        }
      }
    },
  },
  {
    group: 'memory',
    name: 'tidy frees intermediates and backend storage',
    run: async (ctx) => {
      const ids = dataIds(ctx);
      const x = tensor([1, 2, 3, 4]);
      let kept: Tensor | undefined;
      const y = tidy(() => {
        const a = exp(x);
        kept = keep(add(a, x));
        return mul(add(a, a), x);
      });
      try {
        expectCount(`backend storage after tidy (x, y and the kept tensor)`, dataIds(ctx), ids + 3);
        await expectTensor(
          'tidy result',
          y,
          nd(
            [4],
            [1, 2, 3, 4].map((v) => 2 * Math.exp(v) * v),
          ),
          'float32',
          ctx.tol,
        );
      } finally {
        dispose([x, y, kept]);
      }
      expectCount('backend storage after dispose', dataIds(ctx), ids);
    },
  },
  {
    group: 'memory',
    name: 'reshape shares storage until the last view is disposed',
    run: async (ctx) => {
      const ids = dataIds(ctx);
      const values = new Rng('memory reshape').floats([2, 6]);
      const x = toTensor(values);
      const y = reshape(x, [3, 4]);
      expectCount('storage for a tensor and its reshape', dataIds(ctx), ids + 1);
      x.dispose();
      try {
        await expectTensor('reshape after its source was disposed', y, { shape: [3, 4], values: values.values }, 'float32', ctx.tol);
        expectThrows('data() of a disposed tensor', () => x.data(), DisposedError, 'data');
      } finally {
        y.dispose();
      }
      expectCount('storage after both are disposed', dataIds(ctx), ids);
    },
  },
  {
    group: 'memory',
    name: 'concurrent reads',
    run: async (ctx) => {
      const rng = new Rng('memory concurrent');
      const xs = Array.from({ length: 12 }, (_, i) => rng.floats([i + 1]));
      const ts = xs.map((x) => toTensor(x));
      const ys = ts.map((t) => add(t, t));
      try {
        const got = await Promise.all(ys.map((y) => y.data()));
        got.forEach((g, i) => {
          const ok =
            g.length === xs[i].values.length &&
            xs[i].values.every((v, j) => Math.abs(g[j] - 2 * v) <= ctx.tol.atol + ctx.tol.rtol * Math.abs(2 * v));
          if (!ok) throw new Error(`concurrent read ${i}: got [${Array.from(g)}], expected [${xs[i].values.map((v) => 2 * v)}]`);
        });
      } finally {
        dispose([ts, ys]);
      }
    },
  },
  {
    group: 'memory',
    name: 'in-place kernels do not write storage shared with other tensors',
    run: async (ctx) => {
      const x = tensor([1, 2, 3]);
      const v = variable(x);
      const view = reshape(v, [3, 1]);
      const g = tensor([1, 1, 1]);
      try {
        applySgd(v, g, { learningRate: 0.5 });
        await expectTensor('the variable', v, nd([3], [0.5, 1.5, 2.5]), 'float32', ctx.tol);
        await expectTensor('the tensor it was made from', x, nd([3], [1, 2, 3]), 'float32', ctx.tol);
        await expectTensor('a reshape taken before the update', view, nd([3, 1], [1, 2, 3]), 'float32', ctx.tol);
      } finally {
        dispose([x, v, view, g]);
      }
    },
  },
  {
    group: 'memory',
    name: 'tensors move to a second backend and back with their values',
    needs: 'moveTarget',
    run: async (ctx) => {
      const target = ctx.moveTargetName;
      if (!target) throw new Error('no move target');
      const rng = new Rng('memory move');
      const a = rng.floats([3, 5]);
      const at = toTensor(a);
      const bt = toTensor(rng.ints([4], -9, 9), 'int32');
      const ct = toTensor(rng.bools([6]), 'bool');
      const view = reshape(at, [15]);
      const local = toTensor(nd([4]), 'int32');
      try {
        await at.to(target);
        await bt.to(target);
        if (at.backendName !== target || view.backendName !== target)
          throw new Error(`to('${target}'): tensor is on '${at.backendName}', its view on '${view.backendName}'`);
        await expectTensor('values after to()', at, a, 'float32', { rtol: 0, atol: 0 });
        expectThrows('an op mixing backends', () => add(bt, local), BackendMismatchError, 'to(');
        await at.to(ctx.backendName);
        await bt.to(ctx.backendName);
        await expectTensor('values after moving back', at, a, 'float32', { rtol: 0, atol: 0 });
        // setBackend moves every live tensor, and back again.
        await setBackend(target);
        await setBackend(ctx.backendName);
        for (const [t, name] of [
          [at, 'float32'],
          [bt, 'int32'],
          [ct, 'bool'],
        ] as const) {
          if (t.backendName !== ctx.backendName) throw new Error(`setBackend round trip: the ${name} tensor stayed on '${t.backendName}'`);
        }
        await expectTensor('values after setBackend both ways', view, { shape: [15], values: a.values }, 'float32', { rtol: 0, atol: 0 });
      } finally {
        dispose([at, bt, ct, view, local]);
      }
    },
  },
];
