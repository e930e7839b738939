/** The public autodiff API, TensorFlow.js-compatible: grad, grads, valueAndGrad(s), variableGrads. */
import { ENGINE } from '../engine.js';
import { DTypeError, TensileError } from '../errors.js';
import { add, onesLike, zerosLike } from '../ops/index.js';
import { formatShape } from '../shape.js';
import { Tensor, Variable } from '../tensor.js';
import { Tape, backprop } from './tape.js';

function checkY(api: string, y: unknown): Tensor {
  if (!(y instanceof Tensor)) throw new TensileError(`${api}: the function must return a Tensor, got ${typeof y}`);
  if (y.dtype !== 'float32') throw new DTypeError(`${api}: the function must return a float32 tensor, got ${y.dtype}`);
  return y;
}

/** Runs `f` on a tape and backpropagates; gradients of xs not connected to y are null. */
function gradients(
  api: string,
  f: () => Tensor,
  xsOrFind: readonly Tensor[] | ((tape: Tape) => readonly Tensor[]),
  dy?: Tensor,
): { value: Tensor; xs: readonly Tensor[]; grads: (Tensor | null)[] } {
  return ENGINE.tidy(() => {
    const tape = new Tape();
    const outer = ENGINE.tape;
    ENGINE.tape = tape;
    let y: Tensor;
    try {
      y = checkY(api, f());
    } finally {
      ENGINE.tape = outer;
    }
    if (dy && (dy.shape.length !== y.shape.length || dy.shape.some((d, i) => d !== y.shape[i]))) {
      throw new TensileError(`${api}: dy must have the result's shape ${formatShape(y.shape)}, got ${formatShape(dy.shape)}`);
    }
    const xs = typeof xsOrFind === 'function' ? xsOrFind(tape) : xsOrFind;
    const map = backprop(tape, y, xs, dy ?? onesLike(y), add);
    return { value: y, xs, grads: xs.map((x) => map.get(x.id) ?? null) };
  });
}

function orZeros(grads: (Tensor | null)[], xs: readonly Tensor[]): Tensor[] {
  return grads.map((g, i) => g ?? zerosLike(xs[i]));
}

/** `grad(f)(x)` is df/dx, shaped like x. */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor, dy?: Tensor) => Tensor {
  return (x, dy) => {
    const { value, grads } = gradients('grad', () => f(x), [x], dy);
    value.dispose();
    return orZeros(grads, [x])[0];
  };
}

/** `grads(f)([a, b])` is [df/da, df/db]. */
export function grads(f: (...args: Tensor[]) => Tensor): (args: Tensor[], dy?: Tensor) => Tensor[] {
  return (args, dy) => {
    const { value, grads: gs } = gradients('grads', () => f(...args), args, dy);
    value.dispose();
    return orZeros(gs, args);
  };
}

export function valueAndGrad(f: (x: Tensor) => Tensor): (x: Tensor, dy?: Tensor) => { value: Tensor; grad: Tensor } {
  return (x, dy) => {
    const { value, grads: gs } = gradients('valueAndGrad', () => f(x), [x], dy);
    return { value, grad: orZeros(gs, [x])[0] };
  };
}

export function valueAndGrads(f: (...args: Tensor[]) => Tensor): (args: Tensor[], dy?: Tensor) => { value: Tensor; grads: Tensor[] } {
  return (args, dy) => {
    const { value, grads: gs } = gradients('valueAndGrads', () => f(...args), args, dy);
    return { value, grads: orZeros(gs, args) };
  };
}

/**
 * `variableGrads` with the variables themselves rather than their names: [gradient, variable]
 * pairs, as Keras' `apply_gradients` takes them. Names need not be unique here, and the variables
 * `f` touched are known even when no list is given (what `optimizer.minimize(f)` needs).
 */
export function variableGradPairs(f: () => Tensor, varList?: readonly Variable[]): { value: Tensor; grads: [Tensor, Variable][] } {
  const { value, xs, grads: gs } = gradients('variableGradPairs', () => scalarResult('variableGradPairs', f()), varList ?? trainableOnTape);
  const pairs: [Tensor, Variable][] = [];
  xs.forEach((v, i) => {
    const g = gs[i];
    if (g && v instanceof Variable) pairs.push([g, v]);
  });
  return { value, grads: pairs };
}

function trainableOnTape(tape: Tape): Variable[] {
  const seen = new Set<Variable>();
  for (const node of tape.nodes) for (const t of node.inputs) if (t instanceof Variable && t.trainable) seen.add(t);
  return [...seen];
}

function scalarResult(api: string, y: Tensor): Tensor {
  if (y instanceof Tensor && y.size !== 1)
    throw new TensileError(`${api}: the function must return a scalar, got shape ${formatShape(y.shape)}`);
  return y;
}

/**
 * Gradients of the scalar `f()` with respect to `varList` (default: every trainable variable
 * `f` touched). As in TensorFlow.js, variables that `f` does not reach are left out of `grads`.
 */
export function variableGrads(f: () => Tensor, varList?: readonly Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
  const trainableOnTape = (tape: Tape): Variable[] => {
    const seen = new Set<Variable>();
    for (const node of tape.nodes) for (const t of node.inputs) if (t instanceof Variable && t.trainable) seen.add(t);
    return [...seen];
  };
  const {
    value,
    xs,
    grads: gs,
  } = gradients(
    'variableGrads',
    () => {
      const y = f();
      if (y instanceof Tensor && y.size !== 1) {
        throw new TensileError(`variableGrads: the function must return a scalar, got shape ${formatShape(y.shape)}`);
      }
      return y;
    },
    varList ?? trainableOnTape,
  );
  const out: Record<string, Tensor> = {};
  xs.forEach((v, i) => {
    const g = gs[i];
    if (g && v instanceof Variable) out[v.name] = g;
  });
  return { value, grads: out };
}
