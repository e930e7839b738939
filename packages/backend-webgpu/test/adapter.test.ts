import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '@tensile/core';
import { createWebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';

describe('webgpu: adapter discovery', () => {
  it('says when requestAdapter finds nothing, and what to install', async () => {
    const gpu = { requestAdapter: async (): Promise<GPUAdapter | null> => null };
    await expect(createWebGpuBackend({ gpu }).init()).rejects.toThrow(BackendUnavailableError);
    await expect(createWebGpuBackend({ gpu }).init()).rejects.toThrow(/no adapter.*mesa-vulkan-drivers/);
  });
});

const reason = await probeAdapter();
if (reason !== null) {
  noAdapter('webgpu adapter', reason);
} else {
  describe('webgpu: with an adapter', () => {
    it('declines a software adapter unless asked for it by name', async () => {
      const probe = createWebGpuBackend({ allowSoftware: true });
      await probe.init();
      const software = probe.isSoftware;
      probe.dispose();
      const auto = createWebGpuBackend();
      if (software) {
        await expect(auto.init()).rejects.toThrow(/software adapter.*setBackend\('webgpu'\)/);
      } else {
        await auto.init();
      }
      auto.dispose();
    });

    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    // It runs the built package; under `npm test` turbo builds first. Outside CI a missing dist/
    // skips it (the name says how to build); in CI it runs and fails.
    it.skipIf(!existsSync(dist) && !process.env.CI)(
      'lets the Node process exit after dispose() (runs dist/; skipped without it outside CI: npx turbo run build --filter=@tensile/backend-webgpu)',
      () => {
        const script = `
        import { createWebGpuBackend } from ${JSON.stringify(dist)};
        const b = createWebGpuBackend({ allowSoftware: true });
        await b.init();
        const id = b.write(new Float32Array([1, 2]), 'float32');
        console.log((await b.read(id)).join(','));
        b.dispose();`;
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8' });
        expect(run.error).toBeUndefined();
        expect(run.status).toBe(0);
        expect(run.stdout.trim()).toBe('1,2');
      },
    );
  });
}
