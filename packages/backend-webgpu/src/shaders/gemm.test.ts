import { FUSED_ACTIVATIONS } from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { EPILOGUE_WGSL } from './gemm.js';
import { activationExpr } from './math.js';

describe('the fused epilogue (WGSL)', () => {
  it("has one case per fused activation, numbered by its place in core's list", () => {
    const cases = [...EPILOGUE_WGSL.matchAll(/case (\d+)u: \{ return (.*); \}/g)].map((m) => [Number(m[1]), m[2]]);
    expect(cases).toEqual(FUSED_ACTIVATIONS.map((a, i) => [i, activationExpr(a, 'x')]));
    expect(cases.find(([, expr]) => expr === 'tanh_(x)')?.[0]).toBe(FUSED_ACTIVATIONS.indexOf('tanh'));
  });
});
