// Runs in a process of its own (vitest's forks pool isolates each file), with DISPLAY removed
// before anything loads headless-gl, as in a shell without xvfb-run: the registered backend
// must report why it cannot start, and auto-selection must go on to cpu without a crash.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

delete process.env.DISPLAY;
const require = createRequire(import.meta.url);
const glDir = dirname(createRequire(require.resolve('gpu.js')).resolve('gl/package.json'));
const built = existsSync(join(glDir, 'build', 'Release', 'webgl.node'));

const core = await import('@tensile/core');
await import('@tensile/backend-cpu');
await import('../src/index.js');

describe('registered webgl backend without an X display', () => {
  it('is listed below wasm and webgpu but above cpu, unavailable with the reason, and auto-selection takes cpu', async () => {
    await core.ready();
    expect(core.getBackend()).toBe('cpu');
    const webgl = core.listBackends().find((b) => b.name === 'webgl');
    expect(webgl).toMatchObject({ name: 'webgl', priority: 1.5, ready: false, active: false });
    expect(webgl?.error).toMatch(/^webgl: /);
    // Unbuilt, the reason is the build step's; built, it is the missing display's.
    expect(webgl?.error).toMatch(
      built ? /^webgl: headless-gl needs an X display and DISPLAY is not set: .*xvfb-run -a/ : /not (built|installed)/,
    );
    console.log(`webgl: unavailable — ${webgl?.error}`);
  });

  it('setBackend("webgl") rejects with the same reason instead of crashing', async () => {
    await expect(core.setBackend('webgl')).rejects.toThrow(/^webgl: /);
    expect(core.getBackend()).toBe('cpu');
  });
});
