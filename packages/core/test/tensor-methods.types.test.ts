// The chaining methods' types come from the ops': the compiler (`npm run typecheck`, which
// includes this file) refuses wrong arguments, and `expectTypeOf` pins the derived signatures.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TENSOR_METHOD_NAMES, Tensor, Variable, type DType, type Shape, type TensorLike } from '../src/index.js';
import type * as ops from '../src/ops/index.js';

// Bare instances: enough to read methods off the prototype; there is no backend in core's tests.
const x: Tensor = Object.create(Tensor.prototype);
const v: Variable = Object.create(Variable.prototype);

// Only compiled, never called.
export function misuse(): void {
  // @ts-expect-error reshape takes a shape, not a number
  x.reshape(6);
  // @ts-expect-error sum's keepDims is a boolean
  x.sum(0, 'yes');
  // @ts-expect-error square takes no argument
  x.square(2);
  // @ts-expect-error add needs its other operand
  x.add();
  // @ts-expect-error cast takes a dtype
  x.cast('float64');
  // @ts-expect-error matMul's transposeA is a boolean
  x.matMul(x, 1);
  // @ts-expect-error there is no such op
  x.reluu();
  // @ts-expect-error concat takes tensors, as in TF.js
  x.concat('a');
  // @ts-expect-error argMax's axis is one number
  x.argMax([0, 1]);
  // @ts-expect-error clipByValue needs both bounds
  x.clipByValue(0);
}

describe('Tensor methods', () => {
  it('are installed by importing core, and shadow no member of the class', () => {
    for (const name of TENSOR_METHOD_NAMES) {
      expect(typeof Reflect.get(x, name), name).toBe('function');
      expect(Reflect.get(Reflect.get(x, name), 'methodOf'), name).toBe(name);
    }
    for (const member of [
      'shape',
      'dtype',
      'size',
      'rank',
      'data',
      'dataSync',
      'array',
      'arraySync',
      'to',
      'dispose',
      'toString',
      'assign',
    ]) {
      expect(TENSOR_METHOD_NAMES).not.toContain(member);
    }
  });

  it("each method takes the op's arguments after the first and returns what the op returns", () => {
    expectTypeOf(x.add).parameters.toEqualTypeOf<[b: TensorLike]>();
    expectTypeOf(x.add).returns.toEqualTypeOf<Tensor>();
    expectTypeOf(x.sum).toEqualTypeOf<(...args: Parameters<typeof ops.sum> extends [unknown, ...infer R] ? R : never) => Tensor>();
    expectTypeOf(x.reshape).parameters.toEqualTypeOf<[shape: Shape]>();
    expectTypeOf(x.cast).parameters.toEqualTypeOf<[dtype: DType]>();
    expectTypeOf(x.split).returns.toEqualTypeOf<Tensor[]>();
    expectTypeOf(x.moments).returns.toEqualTypeOf<{ mean: Tensor; variance: Tensor }>();
    expectTypeOf<ReturnType<ReturnType<typeof x.square>['mean']>>().toEqualTypeOf<Tensor>();
    expectTypeOf(x.variable).returns.toEqualTypeOf<Variable>();
    // Variables chain too, and keep their own members.
    expectTypeOf(v.relu).returns.toEqualTypeOf<Tensor>();
    expectTypeOf(v.assign).parameters.toEqualTypeOf<[value: Tensor]>();
    expectTypeOf(x.shape).toEqualTypeOf<Shape>();
    expectTypeOf(x.data).returns.resolves.not.toBeAny();
  });
});
