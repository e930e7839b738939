import { backendUtil, BINARY_CODES, sizeFromShape, type BinaryOp, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { BINARY_PARAMS } from '../param-layouts.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/**
 * Where each op runs on float32 operands: `wasm`, its kernel in assembly/elementwise.ts
 * (binaryAdd, ...; the comparisons write bool, a byte per element); `core`, core's loops over
 * heap views, where the assembly has only a stub that traps (the logical ops, whose operands are
 * bool).
 */
const FLOAT32: Readonly<Record<BinaryOp, 'wasm' | 'core'>> = {
  add: 'wasm',
  sub: 'wasm',
  mul: 'wasm',
  div: 'wasm',
  pow: 'wasm',
  minimum: 'wasm',
  maximum: 'wasm',
  squaredDifference: 'wasm',
  floorDiv: 'wasm',
  mod: 'wasm',
  equal: 'wasm',
  notEqual: 'wasm',
  less: 'wasm',
  lessEqual: 'wasm',
  greater: 'wasm',
  greaterEqual: 'wasm',
  logicalAnd: 'core',
  logicalOr: 'core',
};

/**
 * float32 ops routed to wasm run there up to rank 4 after merging; int32, bool, the ops routed to
 * core and float32 of rank > 4 after merging (rare) run core's shared typed-array loops over heap
 * views.
 */
export const binary: KernelFn<'binary', WasmBackend> = (backend, { a, b }, { op }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  if (a.dtype === 'float32' && FLOAT32[op] === 'wasm') {
    const m = backendUtil.mergeBroadcast(out.shape, a.shape, b.shape);
    if (m.dims.length <= 4 && size > 0) {
      while (m.dims.length < 4) {
        m.dims.unshift(1);
        m.as.unshift(0);
        m.bs.unshift(0);
      }
      const [d0, d1, d2, d3] = m.dims;
      const p = backend.params(BINARY_PARAMS, {
        op: BINARY_CODES[op],
        a: backend.ptr(a),
        b: backend.ptr(b),
        y: y.ptr,
        d0,
        d1,
        d2,
        d3,
        sa0: m.as[0],
        sa1: m.as[1],
        sa2: m.as[2],
        sa3: m.as[3],
        sb0: m.bs[0],
        sb1: m.bs[1],
        sb2: m.bs[2],
        sb3: m.bs[3],
      });
      const outer = d0 * d1 * d2;
      // Units are outer rows, or the elements of the single run.
      backend.run('binary', p, outer === 1 ? d3 : outer, outer === 1 ? MIN_ELEMENTS_PER_THREAD : Math.ceil(MIN_ELEMENTS_PER_THREAD / d3));
      return y;
    }
  }
  backendUtil.binaryInto(op, backend.values(a), a.shape, backend.values(b), b.shape, backend.view(y), out.shape, out.dtype);
  return y;
};
