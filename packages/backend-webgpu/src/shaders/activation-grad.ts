/**
 * dy * f'(x) from y = f(x) for the fused activations, in one pass: core's decomposition takes two
 * or three elementwise kernels (and their intermediates) per activation. Masks multiply rather
 * than select, so dy = NaN or ±Inf propagates as the decomposition does.
 */
import type { FusedActivation } from '@tensile/core';
import type { Program } from '../pipelines.js';
import { header, linearMain } from './common.js';

const DERIVATIVE: Readonly<Record<FusedActivation, string>> = {
  linear: 'g',
  relu: 'g * select(0.0, 1.0, v > 0.0)',
  relu6: 'g * select(0.0, 1.0, v > 0.0 && v < 6.0)',
  tanh: 'g * (1.0 - v * v)',
  sigmoid: 'g * (v * (1.0 - v))',
  elu: 'g * select(v + 1.0, 1.0, v > 0.0)',
};

/** A WGSL function `act_grad(g, v)`: g * f'(x) from v = f(x), for kernels that end in it. */
export function activationGradFn(activation: FusedActivation): string {
  return `fn act_grad(g: f32, v: f32) -> f32 {
  return ${DERIVATIVE[activation]};
}`;
}

export function activationGradProgram(activation: FusedActivation): Program {
  const uniforms = [['size', 'u32']] as const;
  return {
    key: `activationGrad:${activation}`,
    uniforms,
    source: () => `${header(
      [
        { name: 'dx', type: 'f32', write: true },
        { name: 'dy', type: 'f32' },
        { name: 'y', type: 'f32' },
      ],
      uniforms,
    )}
${linearMain(`  let g = dy[i];
  let v = y[i];
  dx[i] = ${DERIVATIVE[activation]};`)}`,
  };
}
