/**
 * Whether the headless-gl tests must run here. In CI (CI set, or TENSILE_REQUIRE_WEBGL=1) a
 * missing gl build or display fails the test; elsewhere the test skips and its name says why.
 */
import { it } from 'vitest';

export function webglRequired(): boolean {
  const ci = process.env.CI;
  return process.env.TENSILE_REQUIRE_WEBGL === '1' || (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0');
}

/** Registers `name` when headless-gl is usable (reason null); otherwise a failing test in CI or
 *  a skipped one, both named with the reason. */
export function itWithHeadlessGl(name: string, reason: string | null, fn: () => Promise<void> | void): void {
  if (reason === null) {
    it(name, fn);
  } else if (webglRequired()) {
    it(`${name}: headless-gl is required here (CI / TENSILE_REQUIRE_WEBGL=1)`, () => {
      throw new Error(reason);
    });
  } else {
    it.skip(`${name}: skipped, ${reason}`, () => undefined);
  }
}
