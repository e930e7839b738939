/** `conv2dBackpropFilter`, run as a kernel (conv2d's gradient uses it), at every shared config. */
import { ENGINE } from '../../engine.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { conv2dBackpropFilterRef, conv2dOutShape } from '../reference/conv.js';
import { CONV_CONFIGS, convAttrs, x4Shape } from './conv-configs.js';

export const conv2dBackpropFilterCases: CaseDef[] = CONV_CONFIGS.map((c) => ({
  group: 'conv2dBackpropFilter',
  name: c.label,
  run: async (ctx) => {
    const rng = new Rng(`conv2dBackpropFilter ${c.label}`);
    const attrs = convAttrs(c);
    const xShape = x4Shape(c);
    const x = rng.floats(xShape);
    const dy = rng.floats(conv2dOutShape(xShape, c.filter, attrs));
    const [xt, dyt] = [toTensor(x), toTensor(dy)];
    const df = ENGINE.runKernel('conv2dBackpropFilter', { x: xt, dy: dyt }, { ...attrs, filterShape: c.filter });
    try {
      const ref = conv2dBackpropFilterRef(x, dy, c.filter, attrs);
      await expectTensor(`conv2dBackpropFilter ${c.label}`, df, ref.out, 'float32', ctx.tol, ref.scale);
    } finally {
      for (const t of [xt, dyt, df]) t.dispose();
    }
  },
}));
