/** `fusedConv2d` through `fused.conv2d`: every activation, with and without bias, over the
 *  shared conv configs. */
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import { fused } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { fusedConv2dRef } from '../reference/conv.js';
import { CONV_CONFIGS, convAttrs, x4Shape } from './conv-configs.js';

function fusedCase(activation: FusedActivation, withBias: boolean): CaseDef {
  return {
    group: 'fusedConv2d',
    name: `${activation}${withBias ? ' with bias' : ''}`,
    run: async (ctx) => {
      const rng = new Rng(`fusedConv2d ${activation} ${withBias}`);
      for (const c of CONV_CONFIGS) {
        const x = rng.floats(c.x);
        const f = rng.floats(c.filter);
        const bias = withBias ? rng.floats([c.filter[3]], activation === 'relu6' ? -8 : -1, activation === 'relu6' ? 8 : 1) : undefined;
        const made: Tensor[] = [toTensor(x), toTensor(f)];
        const bt = bias ? toTensor(bias) : undefined;
        if (bt) made.push(bt);
        try {
          const y = fused.conv2d({
            x: made[0],
            filter: made[1],
            strides: c.strides,
            pad: c.pad,
            dilations: c.dilations,
            bias: bt,
            activation,
          });
          made.push(y);
          const ref = fusedConv2dRef({ shape: x4Shape(c), values: x.values }, f, convAttrs(c), bias, activation);
          const out = c.x.length === 3 ? { shape: ref.out.shape.slice(1), values: ref.out.values } : ref.out;
          await expectTensor(`fused.conv2d ${activation} ${c.label}`, y, out, 'float32', ctx.tol, ref.scale);
        } finally {
          for (const t of made) t.dispose();
        }
      }
    },
  };
}

export const fusedConv2dCases: CaseDef[] = FUSED_ACTIVATIONS.flatMap((act) => [fusedCase(act, true), fusedCase(act, false)]);
