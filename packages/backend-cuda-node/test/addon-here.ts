/**
 * Whether the addon is built here. Where it is not (no CUDA toolkit on this machine), the tests
 * that need it are one skipped test naming why, except in CI (CI=true or
 * TENSILE_REQUIRE_CUDA_BUILD=1), where the toolkit is installed and a missing addon fails.
 */
import { describe, it } from 'vitest';
import { loadAddon } from '../src/addon.js';

const loaded = loadAddon();
const ci = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
const required = ci || process.env.TENSILE_REQUIRE_CUDA_BUILD === '1';

/** Registers `define` where the addon loads (or must); else one skipped test saying why. */
export function describeWithAddon(name: string, define: () => void): void {
  if ('reason' in loaded && !required) {
    describe(name, () => {
      it.skip(`skipped: ${loaded.reason}`, () => undefined);
    });
    return;
  }
  describe(name, define);
}
