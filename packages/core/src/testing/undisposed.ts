import { memory } from '../globals.js';

/**
 * Tensors made and not yet disposed, counting those the garbage collector took without a
 * `dispose()`. A leak check compares this before and after the code under test.
 *
 * `memory().numTensors` is the wrong number for that across an `await`: the engine's safety net
 * (a FinalizationRegistry) lowers it whenever the collector takes a tensor some earlier code
 * dropped, at a time no test controls, so a check can fail with nothing leaked. This count moves
 * only with creation and disposal, and a tensor leaked and collected inside the check still raises it.
 */
export function undisposedTensors(): number {
  const m = memory();
  return m.numTensors + m.numCollected;
}
