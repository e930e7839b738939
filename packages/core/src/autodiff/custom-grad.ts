/**
 * `customGrad(f)`, as in TensorFlow.js: an op whose forward pass is `f` and whose gradient is
 * the one `f` supplies, not the one autodiff would derive from `f`'s ops.
 */
import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError, TensileError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';

/** Passed to `f` as its last argument: the tensors handed to `gradFunc` as `saved`. */
export type GradSaveFunc = (save: Tensor[]) => void;

/** What `f` returns: its value, and the gradients of its inputs given the value's gradient. */
export interface CustomGradientResult<T extends Tensor = Tensor> {
  value: T;
  gradFunc: (dy: T, saved: Tensor[]) => Tensor | Tensor[];
}

/**
 * Wraps `f(...inputs, save)` into an op whose gradient is `gradFunc`. Autodiff does not look
 * inside `f`: only the inputs get gradients (tensors `f` reads from its closure, variables
 * included, get none from it), one per input, each shaped like its input.
 */
export function customGrad<T extends Tensor, A extends Tensor[]>(f: (...inputs: A) => CustomGradientResult<T>): (...inputs: A) => T;
export function customGrad<T extends Tensor, A extends Tensor[]>(
  f: (...args: [...A, GradSaveFunc]) => CustomGradientResult<T>,
): (...inputs: A) => T;
export function customGrad<T extends Tensor>(f: (...args: never) => CustomGradientResult<T>): (...inputs: Tensor[]) => T {
  if (typeof f !== 'function') throw new ArgumentError(`customGrad: f must be a function, got ${typeof f}`);
  // The overloads say what f takes; at run time it gets the inputs and then `save`, as in TF.js.
  const run = f as (...args: (Tensor | GradSaveFunc)[]) => CustomGradientResult<T>;
  return (...inputs: Tensor[]): T => {
    inputs.forEach((x, i) => {
      if (!(x instanceof Tensor)) throw new ArgumentError(`customGrad: input ${i} must be a Tensor, got ${typeof x}`);
      x.throwIfDisposed('customGrad');
    });
    const outer = ENGINE.tape;
    let saved: Tensor[] = [];
    const save: GradSaveFunc = (tensors) => {
      if (!Array.isArray(tensors) || tensors.some((t) => !(t instanceof Tensor))) {
        throw new ArgumentError('customGrad: save() takes an array of tensors');
      }
      saved = [...tensors];
    };
    // The tape is off inside f: its ops are the forward pass only, their gradients are gradFunc's.
    ENGINE.tape = null;
    let out: { value: T; gradFunc: CustomGradientResult<T>['gradFunc']; saved: Tensor[] };
    try {
      out = ENGINE.tidy(() => {
        const result = run(...inputs, save);
        if (result === null || typeof result !== 'object' || !(result.value instanceof Tensor)) {
          throw new TensileError('customGrad: f must return an object { value, gradFunc } whose value is a Tensor');
        }
        if (typeof result.gradFunc !== 'function') {
          throw new TensileError('customGrad: f must return an object { value, gradFunc } whose gradFunc is a function');
        }
        // A fresh view, so the tape's node has an output of its own even when f returns an input.
        const value = ENGINE.reshape(result.value, result.value.shape) as T;
        // Without a tape nobody will call gradFunc: what f saved is disposed with f's scope.
        return { value, gradFunc: result.gradFunc, saved: outer ? saved : [] };
      });
    } finally {
      ENGINE.tape = outer;
    }
    const { value, gradFunc } = out;
    if (outer && value.dtype === 'float32') {
      for (const t of out.saved) outer.saved.add(t);
      outer.record({
        name: 'customGrad',
        inputs,
        output: value,
        backward: (dy) => checkGradients(gradFunc(dy as T, out.saved), inputs),
      });
    }
    return value;
  };
}

function checkGradients(returned: unknown, inputs: readonly Tensor[]): Tensor[] {
  const list = Array.isArray(returned) ? returned : [returned];
  list.forEach((g, i) => {
    if (!(g instanceof Tensor)) {
      throw new TensileError(
        `customGrad: gradFunc must return a Tensor or an array of Tensors, got ${g === null ? 'null' : typeof g} at ${i}`,
      );
    }
  });
  if (list.length !== inputs.length) {
    throw new TensileError(
      `customGrad: gradFunc returned ${list.length} gradient${list.length === 1 ? '' : 's'} for ${inputs.length} input${inputs.length === 1 ? '' : 's'}; it must return one per input, in the inputs' order`,
    );
  }
  const grads = list as Tensor[];
  grads.forEach((g, i) => {
    if (!shapesEqual(g.shape, inputs[i].shape)) {
      throw new ShapeError(
        `customGrad: gradFunc's gradient ${i} has shape ${formatShape(g.shape)}, but input ${i} has shape ${formatShape(inputs[i].shape)}`,
      );
    }
  });
  return grads;
}
