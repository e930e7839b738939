/** Shared test helpers: a memory save handler and reading values. */
import type { Tensor } from '@tensile/core';
import type { IOHandler, ModelArtifacts } from '../src/index.js';

export function memorySink(): { handler: IOHandler; artifacts: () => ModelArtifacts } {
  let saved: ModelArtifacts | undefined;
  return {
    handler: {
      save: async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    },
    artifacts: () => {
      if (!saved) throw new Error('nothing saved');
      return saved;
    },
  };
}

export async function values(t: Tensor | Tensor[]): Promise<number[]> {
  return Array.from(await (Array.isArray(t) ? t[0] : t).data());
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
