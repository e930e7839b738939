/**
 * The whole conformance suite in Node, on gpu.js's headlessgl mode (headless-gl, WebGL1 with
 * OES_texture_float, on the X display xvfb-run gives `npm test`). Where headless-gl cannot start
 * here the suite is one skipped test naming why, or a failing one in CI (CI / TENSILE_REQUIRE_WEBGL=1).
 */
import { CpuBackend } from '@tensile/backend-cpu';
import { runConformanceSuite } from '@tensile/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createHeadlessGpu } from '../src/node-gl.js';
import { createWebGlBackend } from '../src/index.js';
import { itWithHeadlessGl } from './headless.js';

const made = await createHeadlessGpu();
const reason = 'reason' in made ? made.reason : null;
if ('gpu' in made) await made.gpu.destroy();

if (reason === null) {
  runConformanceSuite(
    { name: 'webgl (headless-gl)', create: () => createWebGlBackend(), moveTarget: () => new CpuBackend() },
    { describe, it, beforeAll, afterAll },
  );
} else {
  describe('conformance: webgl (headless-gl)', () => {
    itWithHeadlessGl('runs the conformance suite', reason, () => undefined);
  });
}
