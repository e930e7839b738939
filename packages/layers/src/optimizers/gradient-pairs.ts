/**
 * The gradients `applyGradients` takes: Keras' list of [gradient, variable] pairs, or TensorFlow.js'
 * map of variable name → gradient (what `variableGrads` returns) or list of {name, tensor}. Core
 * keeps no registry of variables by name, so names are looked up among the variables the optimizer
 * was built with, the only ones it can update anyway; before its first build it knows none, and
 * the error shows the pair form and `build`.
 */
import { ArgumentError, Tensor, Variable } from '@tensile/core';

export type GradientPairs = readonly (readonly [Tensor, Variable])[];
/** TensorFlow.js' forms: `{[variableName]: gradient}` or `[{name, tensor}]`. */
export type NamedGradients = Readonly<Record<string, Tensor>> | readonly { readonly name: string; readonly tensor: Tensor }[];

const PAIRS = 'optimizer.applyGradients(vars.map((v) => [grads[v.name], v]))';

/** `grads` as [gradient, variable] pairs; `built` is the optimizer's variables, or null before its first build. */
export function toGradientPairs(optimizer: string, grads: unknown, built: readonly Variable[] | null): [Tensor, Variable][] {
  const api = `${optimizer}.applyGradients`;
  if (Array.isArray(grads)) {
    return grads.map((entry, i): [Tensor, Variable] => {
      if (Array.isArray(entry)) return checkPair(api, entry, i);
      if (isNamedTensor(entry)) return [entry.tensor, byName(api, entry.name, built)];
      throw new ArgumentError(`${api}: entry ${i} must be a [gradient, variable] pair or {name, tensor}, got ${describe(entry)}`);
    });
  }
  if (typeof grads === 'object' && grads !== null && !(grads instanceof Tensor)) {
    return Object.entries(grads).map(([name, g]): [Tensor, Variable] => {
      if (!(g instanceof Tensor)) throw new ArgumentError(`${api}: the gradient for '${name}' must be a Tensor, got ${describe(g)}`);
      return [g, byName(api, name, built)];
    });
  }
  throw new ArgumentError(`${api}: expected [gradient, variable] pairs or a map of variable name to gradient, got ${describe(grads)}`);
}

function checkPair(api: string, pair: readonly unknown[], i: number): [Tensor, Variable] {
  const [g, v] = pair;
  if (pair.length === 2 && g instanceof Tensor && v instanceof Variable) return [g, v];
  if (pair.length === 2 && g instanceof Variable && v instanceof Tensor) {
    throw new ArgumentError(`${api}: pair ${i} is [variable, gradient]; pairs are [gradient, variable], as Keras' apply_gradients`);
  }
  throw new ArgumentError(`${api}: pair ${i} must be [gradient Tensor, Variable], got [${pair.map(describe).join(', ')}]`);
}

function byName(api: string, name: string, built: readonly Variable[] | null): Variable {
  if (built === null) {
    throw new ArgumentError(
      `${api}: got gradients by variable name ('${name}', ...), but the optimizer has not been built, so it knows no variables yet; pass [gradient, variable] pairs, ${PAIRS}, or call optimizer.build(vars) first`,
    );
  }
  const matches = built.filter((v) => v.name === name);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw new ArgumentError(
      `${api}: ${matches.length} of the optimizer's variables are named '${name}'; pass [gradient, variable] pairs, ${PAIRS}`,
    );
  throw new ArgumentError(
    `${api}: no variable named '${name}' among the ${built.length} the optimizer was built with (${built.map((v) => v.name).join(', ')})`,
  );
}

function isNamedTensor(x: unknown): x is { name: string; tensor: Tensor } {
  return typeof x === 'object' && x !== null && 'name' in x && 'tensor' in x && typeof x.name === 'string' && x.tensor instanceof Tensor;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Variable) return `Variable '${x.name}'`;
  if (x instanceof Tensor) return 'a Tensor';
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return typeof x;
}
