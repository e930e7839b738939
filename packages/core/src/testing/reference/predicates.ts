/** Float64 references of the composed elementwise ops: isNaN, isFinite, isInf, erf, atan2. */
import { erf } from './elementwise.js';
import { broadcastMap } from './elementwise.js';
import type { Nd } from './nd.js';

export function mapNd(x: Nd, f: (v: number) => number): Nd {
  return { shape: x.shape, values: x.values.map(f) };
}

export const isNaNRef = (x: Nd): Nd => mapNd(x, (v) => (Number.isNaN(v) ? 1 : 0));
export const isFiniteRef = (x: Nd): Nd => mapNd(x, (v) => (Number.isFinite(v) ? 1 : 0));
export const isInfRef = (x: Nd): Nd => mapNd(x, (v) => (v === Infinity || v === -Infinity ? 1 : 0));
export const erfRef = (x: Nd): Nd => mapNd(x, erf);
/** Math.atan2, with the one documented difference: zeros are unsigned (every -0 read as +0). */
export const atan2Ref = (a: Nd, b: Nd): Nd => broadcastMap(a, b, (y, x) => Math.atan2(y === 0 ? 0 : y, x === 0 ? 0 : x));
