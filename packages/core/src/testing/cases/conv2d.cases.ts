/** `conv2d` through the public op, against the float64 reference, at every shared config. */
import { conv2d } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { conv2dRef } from '../reference/conv.js';
import { CONV_CONFIGS, convAttrs, x4Shape } from './conv-configs.js';

export const conv2dCases: CaseDef[] = CONV_CONFIGS.map((c) => ({
  group: 'conv2d',
  name: c.label,
  run: async (ctx) => {
    const rng = new Rng(`conv2d ${c.label}`);
    const x = rng.floats(c.x);
    const f = rng.floats(c.filter);
    const [xt, ft] = [toTensor(x), toTensor(f)];
    const y = conv2d(xt, ft, c.strides, c.pad, 'NHWC', c.dilations);
    try {
      const ref = conv2dRef({ shape: x4Shape(c), values: x.values }, f, convAttrs(c));
      const out = c.x.length === 3 ? { shape: ref.out.shape.slice(1), values: ref.out.values } : ref.out;
      await expectTensor(`conv2d ${c.label}`, y, out, 'float32', ctx.tol, ref.scale);
    } finally {
      for (const t of [xt, ft, y]) t.dispose();
    }
  },
}));
