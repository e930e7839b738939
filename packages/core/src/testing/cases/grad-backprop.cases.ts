/** Gradient checks of the kernels that are gradients themselves, which second-order training
 *  differentiates: conv2d's two backprop kernels and avgPoolGrad (each linear in its tensor
 *  inputs; maxPoolGrad has none), and the float32-to-float32 `cast` kernel, which ops never
 *  dispatch (they reshape) but whose gradient the tape would use. */
import { ENGINE } from '../../engine.js';
import type { Conv2dAttrs, Pool2dAttrs } from '../../kernels/signatures.js';
import { conv2dBackpropFilter, conv2dBackpropInput } from '../../ops/conv2d-backprop.js';
import type { CaseDef } from '../harness.js';
import { conv2dOutShape, resolvePad } from '../reference/conv.js';
import { gradCase } from './grad-util.js';

interface BackpropConv {
  readonly label: string;
  readonly x: readonly [number, number, number, number];
  readonly filter: readonly [number, number, number, number];
  readonly attrs: Conv2dAttrs;
}

const CONVS: readonly BackpropConv[] = [
  {
    label: 'stride 2 same',
    x: [1, 6, 5, 2],
    filter: [3, 3, 2, 2],
    attrs: { strides: [2, 2], pad: resolvePad('same', 6, 5, 3, 3, [2, 2], [1, 1]), dilations: [1, 1] },
  },
  {
    label: 'dilation 2 valid',
    x: [2, 6, 6, 1],
    filter: [2, 3, 1, 2],
    attrs: { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [2, 2] },
  },
];

const convBackpropGrads = CONVS.flatMap(({ label, x, filter, attrs }): CaseDef[] => {
  const dy = conv2dOutShape(x, filter, attrs);
  return [
    gradCase('gradients', `conv2dBackpropInput ${label}`, {
      inputs: (rng) => [rng.floats(dy), rng.floats(filter)],
      f: ([g, f]) => conv2dBackpropInput(g, f, attrs, x),
    }),
    gradCase('gradients', `conv2dBackpropFilter ${label}`, {
      inputs: (rng) => [rng.floats(x), rng.floats(dy)],
      f: ([input, g]) => conv2dBackpropFilter(input, g, attrs, filter),
    }),
  ];
});

const POOL: Pool2dAttrs = { filterSize: [3, 3], strides: [2, 2], pad: resolvePad('same', 5, 5, 3, 3, [2, 2], [1, 1]) };

// avgPoolGrad does not depend on x's values, only on its shape: x is a constant here.
const avgPoolGradGrad = gradCase('gradients', 'avgPoolGrad 3x3 stride 2 same', {
  constants: (rng) => [[rng.floats([2, 5, 5, 2]), 'float32']],
  inputs: (rng) => [rng.floats([2, 3, 3, 2])],
  f: ([dy], [x]) => ENGINE.runKernel('avgPoolGrad', { dy, x }, POOL),
});

const castGrad = gradCase('gradients', 'cast float32 to float32 (the kernel)', {
  inputs: (rng) => [rng.floats([3, 4])],
  f: ([x]) => ENGINE.runKernel('cast', { x }, { dtype: 'float32' }),
});

export const gradBackpropCases: CaseDef[] = [...convBackpropGrads, avgPoolGradGrad, castGrad];
