/**
 * Whether this machine has a WebGPU adapter the tests can use, and if not, why. Without one the
 * WebGPU tests skip with the reason and the install command, unless TENSILE_REQUIRE_WEBGPU=1
 * (CI), where they fail instead.
 */
import { it } from 'vitest';
import { createWebGpuBackend } from '../src/index.js';

export const INSTALL_HINT = 'apt-get install -y -t bookworm-backports mesa-vulkan-drivers';

export async function probeAdapter(): Promise<string | null> {
  const backend = createWebGpuBackend({ allowSoftware: true });
  try {
    await backend.init();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    backend.dispose();
  }
}

/** Registers the test that stands in for a suite when there is no adapter. */
export function noAdapter(what: string, reason: string): void {
  if (process.env.TENSILE_REQUIRE_WEBGPU === '1') {
    it(`${what}: a WebGPU adapter is required here (TENSILE_REQUIRE_WEBGPU=1)`, () => {
      throw new Error(`no WebGPU adapter: ${reason}`);
    });
  } else {
    it.skip(`${what}: skipped, no WebGPU adapter (${reason}); install one with: ${INSTALL_HINT}`, () => undefined);
  }
}
