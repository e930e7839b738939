/**
 * The parameter blocks the TypeScript side writes and the AssemblyScript kernels read: one layout
 * per block, its slots in order (a slot's number is its place in the object). This file is the
 * only definition: `WasmBackend.params` writes a block by these names, the compiler requiring a
 * value for every slot, and scripts/generate-assembly.mjs turns each layout into typed accessors
 * (`ConvParams.co(p)`) in assembly/generated/layouts.ts. It imports nothing at run time, so the
 * script can load it on its own.
 */

/** How a slot is read in AssemblyScript: `i32`; `usize`, a heap address or byte count; `f32`. */
export type SlotType = 'i32' | 'usize' | 'f32';
export type ParamLayout = { readonly [slot: string]: SlotType };
/** A value for every slot of layout L. */
export type ParamValues<L extends ParamLayout> = { readonly [K in keyof L]: number };

/** 32-bit slots in the one parameter block the backend keeps; every layout must fit in it. */
export const PARAM_BLOCK_SLOTS = 64;

/**
 * The convolutions (assembly/conv.ts, direct.ts, direct-input.ts, single-channel.ts) and their
 * filter packers. x, f and y are the kernel's tensors in the roles its comment gives; `packed` is
 * the filter packed once for every share; `partials` holds the filter gradient's per-share sums.
 */
export const CONV_PARAMS = {
  n: 'i32',
  h: 'i32',
  w: 'i32',
  ci: 'i32',
  fh: 'i32',
  fw: 'i32',
  co: 'i32',
  oh: 'i32',
  ow: 'i32',
  sh: 'i32',
  sw: 'i32',
  dh: 'i32',
  dw: 'i32',
  pt: 'i32',
  pl: 'i32',
  x: 'usize',
  f: 'usize',
  y: 'usize',
  bias: 'usize',
  act: 'i32',
  scratch: 'usize',
  scratchStride: 'usize',
  chunk: 'i32',
  partials: 'usize',
  packed: 'usize',
  // Fused with the gradient through an average pool that tiles the conv's output (pool-grad-rows.ts):
  // the gradient at the pool's output (0: none, y is the gradient at the conv's output) and the
  // pool's window.
  pdy: 'usize',
  pfh: 'i32',
  pfw: 'i32',
} as const satisfies ParamLayout;

/**
 * Batched y = act(op(a) * op(b) + bias) (assembly/gemm.ts): row and k strides of each operand
 * (transposes are strides), per-batch strides (0 broadcasts a batch of 1), per-share scratch for
 * packed B, and the split of each batch into units of rows.
 */
export const GEMM_PARAMS = {
  m: 'i32',
  n: 'i32',
  k: 'i32',
  a: 'usize',
  ars: 'i32',
  aks: 'i32',
  b: 'usize',
  brs: 'i32',
  bcs: 'i32',
  c: 'usize',
  ldc: 'i32',
  aBatch: 'i32',
  bBatch: 'i32',
  cBatch: 'i32',
  bias: 'usize',
  act: 'i32',
  scratch: 'usize',
  scratchStride: 'usize',
  rowsPerUnit: 'i32',
  unitsPerBatch: 'i32',
} as const satisfies ParamLayout;

/** Pooling and its gradients (assembly/pool.ts); a kernel leaves the tensors it does not use at 0.
 *  fusedAvgPoolGrad reads the activation output from `y` and its activation code from `act`. */
export const POOL_PARAMS = {
  n: 'i32',
  h: 'i32',
  w: 'i32',
  c: 'i32',
  oh: 'i32',
  ow: 'i32',
  fh: 'i32',
  fw: 'i32',
  sh: 'i32',
  sw: 'i32',
  pt: 'i32',
  pl: 'i32',
  x: 'usize',
  y: 'usize',
  dy: 'usize',
  dx: 'usize',
  act: 'i32',
  /** fusedAvgPoolGrad: where each share adds its f64 sums of dx per channel (c of them), or 0. */
  sums: 'usize',
} as const satisfies ParamLayout;

/** y = op(x) (assembly/elementwise.ts); `op` is core's UNARY_CODES, `alpha` leakyRelu's slope. */
export const UNARY_PARAMS = { op: 'i32', x: 'usize', y: 'usize', alpha: 'f32' } as const satisfies ParamLayout;

/**
 * y = a op b over at most 4 merged broadcast dimensions d0..d3 (d3 innermost), with each operand's
 * element strides per dimension (0 where broadcast); `op` is core's BINARY_CODES.
 */
export const BINARY_PARAMS = {
  op: 'i32',
  a: 'usize',
  b: 'usize',
  y: 'usize',
  d0: 'i32',
  d1: 'i32',
  d2: 'i32',
  d3: 'i32',
  sa0: 'i32',
  sa1: 'i32',
  sa2: 'i32',
  sa3: 'i32',
  sb0: 'i32',
  sb1: 'i32',
  sb2: 'i32',
  sb3: 'i32',
} as const satisfies ParamLayout;

/** Reductions of x viewed as [outer, r, inner] (assembly/reduce.ts); `op` is core's REDUCE_CODES. */
export const REDUCE_PARAMS = {
  op: 'i32',
  x: 'usize',
  y: 'usize',
  r: 'i32',
  inner: 'i32',
  scratch: 'usize',
  scratchStride: 'usize',
} as const satisfies ParamLayout;

/** Column sums of [r, inner] split over units of rows; each share leaves f64 partials in its scratch. */
export const REDUCE_ROWS_PARAMS = {
  x: 'usize',
  r: 'i32',
  inner: 'i32',
  scratch: 'usize',
  scratchStride: 'usize',
  rowsPerUnit: 'i32',
} as const satisfies ParamLayout;

/** Softmax (log = 0) or log-softmax (log = 1) over rows of length d. */
export const SOFTMAX_PARAMS = { log: 'i32', x: 'usize', y: 'usize', d: 'i32' } as const satisfies ParamLayout;

/** out = dy * f'(x) written with y = f(x); `act` is core's FUSED_ACTIVATION_CODES. */
export const ACTIVATION_GRAD_PARAMS = { act: 'i32', dy: 'usize', y: 'usize', out: 'usize' } as const satisfies ParamLayout;

/** In-place Adam; `lrT` is the step size with the bias correction folded in. */
export const ADAM_PARAMS = {
  w: 'usize',
  g: 'usize',
  m: 'usize',
  v: 'usize',
  beta1: 'f32',
  beta2: 'f32',
  epsilon: 'f32',
  lrT: 'f32',
} as const satisfies ParamLayout;

/** In-place SGD; `v` (velocity) is 0 without momentum. */
export const SGD_PARAMS = {
  w: 'usize',
  g: 'usize',
  v: 'usize',
  lr: 'f32',
  momentum: 'f32',
  nesterov: 'i32',
} as const satisfies ParamLayout;

/** Constant padding (assembly/pad.ts): rows of `len` elements of x, outer shape [n0, n1, n2],
 *  go to output element start + i0*os0 + i1*os1 + i2*os2. */
export const PAD_PARAMS = {
  n0: 'i32',
  n1: 'i32',
  n2: 'i32',
  os0: 'i32',
  os1: 'i32',
  os2: 'i32',
  len: 'i32',
  start: 'i32',
  src: 'usize',
  dst: 'usize',
  /** Elements of the output, and the pad value's 32 bits. */
  size: 'i32',
  value: 'i32',
} as const satisfies ParamLayout;

/** Per-share partial sums added into y (assembly/elementwise.ts addPartials): `count` blocks of
 *  n floats, one after the other at `partials`, added in order. */
export const PARTIALS_PARAMS = { y: 'usize', partials: 'usize', n: 'i32', count: 'i32' } as const satisfies ParamLayout;

/** Every layout, under the name its AssemblyScript accessors take (`conv` → `ConvParams`). */
export const PARAM_LAYOUTS = {
  conv: CONV_PARAMS,
  gemm: GEMM_PARAMS,
  pool: POOL_PARAMS,
  unary: UNARY_PARAMS,
  binary: BINARY_PARAMS,
  reduce: REDUCE_PARAMS,
  reduceRows: REDUCE_ROWS_PARAMS,
  softmax: SOFTMAX_PARAMS,
  activationGrad: ACTIVATION_GRAD_PARAMS,
  adam: ADAM_PARAMS,
  sgd: SGD_PARAMS,
  pad: PAD_PARAMS,
  partials: PARTIALS_PARAMS,
} as const satisfies { readonly [name: string]: ParamLayout };
