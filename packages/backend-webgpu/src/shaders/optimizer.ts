/**
 * Fused in-place optimizer updates: one dispatch per variable reads the gradient and rewrites
 * the variable and its state, where the composed version would take several kernels and
 * temporaries. Formulas are Keras' (see the CPU reference).
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { header, linearMain } from './common.js';

export type SgdVariant = 'plain' | 'momentum' | 'nesterov';

export function sgdProgram(variant: SgdVariant): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['lr', 'f32'],
    ['momentum', 'f32'],
  ];
  const buffers =
    variant === 'plain'
      ? ([
          { name: 'w', type: 'f32', write: true },
          { name: 'g', type: 'f32' },
        ] as const)
      : ([
          { name: 'w', type: 'f32', write: true },
          { name: 'vel', type: 'f32', write: true },
          { name: 'g', type: 'f32' },
        ] as const);
  const body =
    variant === 'plain'
      ? '  w[i] = w[i] - u.lr * g[i];'
      : `  let gi = g[i];
  let vi = u.momentum * vel[i] - u.lr * gi;
  vel[i] = vi;
  w[i] = w[i] + ${variant === 'nesterov' ? 'u.momentum * vi - u.lr * gi' : 'vi'};`;
  return {
    key: `applySgd:${variant}`,
    uniforms,
    source: () => `${header(buffers, uniforms)}
${linearMain(body)}`,
  };
}

/** lrT (the bias-corrected step size) and 1 - beta are computed on the host in doubles. */
export function adamProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['lrT', 'f32'],
    ['beta1', 'f32'],
    ['oneMinusBeta1', 'f32'],
    ['beta2', 'f32'],
    ['oneMinusBeta2', 'f32'],
    ['epsilon', 'f32'],
  ];
  const buffers = [
    { name: 'w', type: 'f32', write: true },
    { name: 'm', type: 'f32', write: true },
    { name: 'v', type: 'f32', write: true },
    { name: 'g', type: 'f32' },
  ] as const;
  return {
    key: 'applyAdam',
    uniforms,
    source: () => `${header(buffers, uniforms)}
${linearMain(`  let gi = g[i];
  let mi = u.beta1 * m[i] + u.oneMinusBeta1 * gi;
  let vi = u.beta2 * v[i] + u.oneMinusBeta2 * gi * gi;
  m[i] = mi;
  v[i] = vi;
  w[i] = w[i] - u.lrT * mi / (sqrt(vi) + u.epsilon);`)}`,
  };
}
