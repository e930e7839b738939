/** `conv2dBackpropInput`, run as a kernel (it has no public op of its own; conv2d's gradient
 *  and conv2dTranspose use it), at every shared conv config. */
import { ENGINE } from '../../engine.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { conv2dBackpropInputRef, conv2dOutShape } from '../reference/conv.js';
import { CONV_CONFIGS, convAttrs, x4Shape } from './conv-configs.js';

export const conv2dBackpropInputCases: CaseDef[] = CONV_CONFIGS.map((c) => ({
  group: 'conv2dBackpropInput',
  name: c.label,
  run: async (ctx) => {
    const rng = new Rng(`conv2dBackpropInput ${c.label}`);
    const attrs = convAttrs(c);
    const inputShape = x4Shape(c);
    const dy = rng.floats(conv2dOutShape(inputShape, c.filter, attrs));
    const f = rng.floats(c.filter);
    const [dyt, ft] = [toTensor(dy), toTensor(f)];
    const dx = ENGINE.runKernel('conv2dBackpropInput', { dy: dyt, filter: ft }, { ...attrs, inputShape });
    try {
      const ref = conv2dBackpropInputRef(dy, f, inputShape, attrs);
      await expectTensor(`conv2dBackpropInput ${c.label}`, dx, ref.out, 'float32', ctx.tol, ref.scale);
    } finally {
      for (const t of [dyt, ft, dx]) t.dispose();
    }
  },
}));
