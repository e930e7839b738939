import { defineGradient } from './define.js';
import { reduceToShape } from '../ops/broadcast-to.js';
import { scoped } from '../ops/scoped.js';
import { where } from '../ops/where.js';

/** The gradient goes to a where the condition holds and to b elsewhere; the condition has none. */
export const selectGradient = defineGradient('select', ['reduce', 'select'], (dy, { condition, a, b }) => ({
  a: scoped(() => reduceToShape(where(condition, dy, 0), a.shape)),
  b: scoped(() => reduceToShape(where(condition, 0, dy), b.shape)),
}));
