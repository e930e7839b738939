/** `fusedMatMul` through `fused.matMul`: every activation, with and without bias, over the
 *  matMul shapes (the engine composes it from required kernels where a backend has none). */
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import { fused } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { publicMatMulRef } from '../reference/matmul.js';
import { MATMUL_SHAPES } from './matMul.cases.js';

function fusedCase(activation: FusedActivation, withBias: boolean): CaseDef {
  return {
    group: 'fusedMatMul',
    name: `${activation}${withBias ? ' with bias' : ''}`,
    run: async (ctx) => {
      const rng = new Rng(`fusedMatMul ${activation} ${withBias}`);
      for (const [sa, sb, tA, tB] of MATMUL_SHAPES) {
        const a = rng.floats(sa);
        const b = rng.floats(sb);
        const n = tB ? sb[sb.length - 2] : sb[sb.length - 1];
        // relu6 only bites above 6: scale the bias up so some outputs reach it.
        const bias = withBias ? rng.floats([n], activation === 'relu6' ? -8 : -1, activation === 'relu6' ? 8 : 1) : undefined;
        const made: Tensor[] = [toTensor(a), toTensor(b)];
        const bt = bias ? toTensor(bias) : undefined;
        if (bt) made.push(bt);
        try {
          const y = fused.matMul({ a: made[0], b: made[1], transposeA: tA, transposeB: tB, bias: bt, activation });
          made.push(y);
          const ref = publicMatMulRef(a, b, tA, tB, bias, activation);
          await expectTensor(`fused.matMul ${activation} [${sa}] x [${sb}]`, y, ref.out, 'float32', ctx.tol, ref.scale);
        } finally {
          for (const t of made) t.dispose();
        }
      }
    },
  };
}

export const fusedMatMulCases: CaseDef[] = FUSED_ACTIVATIONS.flatMap((act) => [fusedCase(act, true), fusedCase(act, false)]);
