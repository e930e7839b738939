/**
 * Helpers for backends that compute on JavaScript typed arrays (cpu; the int32/bool and fallback
 * paths of wasm). Pure functions over typed arrays and shapes that write into a given output
 * array, so a backend can pass its own storage (a heap view, say) and no backend state is needed.
 * `convGeometry` serves every backend, GPU ones included: the shapes a convolution indexes by.
 * Exported as the `backendUtil` namespace: several names (sigmoid, gelu, ...) are also ops.
 * `recordOf` builds a backend's complete tables (one entry per name of a list) without a cast.
 */
export { broadcastIndexMap, broadcastStrides, forEachBroadcastRun, mergeBroadcast, type MergedBroadcast, type RunFn } from './broadcast.js';
export { concatInto, type ShapedValues } from './concat.js';
export { categoricalCrossentropyGradInto, categoricalCrossentropyInto } from './crossentropy.js';
export { convGeometry, type ConvGeometry } from './conv.js';
export { binaryInto, floatUnaryInto, intUnaryInto, logicalNotInto } from './elementwise.js';
export { erf, erfc, floorMod, gelu, intPow, roundHalfEven, SELU_ALPHA, SELU_SCALE, sigmoid, softplus } from './math.js';
export { oneHotInto } from './oneHot.js';
export { padInto, padRows, type PadRows } from './pad.js';
export { copyRun, permuteInto, transpose2d } from './permute.js';
export { recordOf } from './record.js';
export { reduceInto, reduceLayout, type ReduceLayout } from './reduce.js';
export { selectInto } from './select.js';
export { sliceInto } from './slice.js';
export { dtypeOfValues, writeValuesInto } from './values.js';
