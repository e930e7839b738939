import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

/** float32 -> float32 passes the gradient through; the engine asks for none from int or bool inputs. */
export const castGradient = defineGradient('cast', [], (dy, { x }) => ({
  x: () => ENGINE.reshape(dy, x.shape),
}));
