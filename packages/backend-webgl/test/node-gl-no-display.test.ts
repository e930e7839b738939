// Runs in a process of its own (vitest's forks pool isolates each file), so headless-gl is
// loaded here for the first time after DISPLAY is gone, as in a shell without xvfb-run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWithHeadlessGl } from './headless.js';

const require = createRequire(import.meta.url);
const glLoadedBefore = Object.keys(require.cache).some((p) => p.includes('/node_modules/gl/'));
delete process.env.DISPLAY;

const glDir = dirname(createRequire(require.resolve('gpu.js')).resolve('gl/package.json'));
const built = existsSync(join(glDir, 'build', 'Release', 'webgl.node'));

describe('headless-gl without an X display', () => {
  it('importing the module loads neither gpu.js nor gl', async () => {
    await import('../src/node-gl.js');
    expect(glLoadedBefore).toBe(false);
    const cached = Object.keys(require.cache);
    expect(cached.filter((p) => p.includes('/node_modules/gl/') || p.includes('/node_modules/gpu.js/'))).toEqual([]);
  });

  itWithHeadlessGl(
    'says to run under xvfb-run, and does not throw',
    built ? null : `gl is not built here (${glDir}): npm run build`,
    async () => {
      const { createHeadlessGpu } = await import('../src/node-gl.js');
      const made = await createHeadlessGpu();
      expect('reason' in made).toBe(true);
      if (!('reason' in made)) return;
      expect(made.reason).toMatch(/^webgl: headless-gl needs an X display and DISPLAY is not set: .*xvfb-run -a/);
    },
  );
});
