/**
 * Kills a process in the middle of `model.save('file://...')` and shows that the model saved
 * before still loads, complete. The child runs the built package (dist), as users do.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ready } from '@tensile/core';
import { loadModel } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const built = existsSync(join(here, '..', 'dist', 'index.js'));

let dir: string;
beforeAll(async () => {
  await ready();
  dir = await mkdtemp(join(tmpdir(), 'tensile-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// In CI a missing dist/ fails the test instead of skipping it.
describe.skipIf(!built && !process.env.CI)(
  'a crash during save (runs the built dist; skipped without it outside CI: npx turbo run build --filter=@tensile/layers)',
  () => {
    it('SIGKILL mid-save leaves the previous model loadable', async () => {
      const target = join(dir, 'model');
      const child = spawn(process.execPath, [join(here, 'fixtures', 'save-loop.mjs'), `file://${target}`], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const started = new Map<number, string>();
      let saved = -1;
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        for (const line of out.split('\n').slice(0, -1)) {
          const m = /^saving (\d+) (.*)$/.exec(line);
          if (m) started.set(Number(m[1]), m[2]);
          const s = /^saved (\d+)$/.exec(line);
          if (s) saved = Number(s[1]);
        }
        out = out.slice(out.lastIndexOf('\n') + 1);
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Wait for a completed save, then for the next save's temp file to appear, and kill. The
      // child is stopped first and the folder looked at again: a save can finish between one
      // look and the kill (on a busy machine it has), and then the kill would not be mid-save.
      const hasTemp = async () => (existsSync(target) ? await readdir(target) : []).some((f) => f.endsWith('.tmp'));
      let killedMidSave = false;
      const deadline = Date.now() + 50_000;
      while (Date.now() < deadline && !killedMidSave) {
        if (saved >= 0 && (await hasTemp())) {
          child.kill('SIGSTOP');
          if (await hasTemp()) {
            child.kill('SIGKILL');
            killedMidSave = true;
            break;
          }
          child.kill('SIGCONT');
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      if (!killedMidSave) child.kill('SIGKILL');
      await exited;
      expect(killedMidSave).toBe(true);
      // The temp file of the interrupted save is still there: the kill did land mid-save.
      expect((await readdir(target)).some((f) => f.endsWith('.tmp'))).toBe(true);
      const model = await loadModel(`file://${target}`);
      const checksum = Array.from((await model.weights[0].data()).slice(0, 8)).join(',');
      // The loaded weights are those of a save that completed (the last one, or the interrupted
      // one only if it got as far as its commit rename).
      const acceptable = [started.get(saved), started.get(saved + 1)].filter((c) => c !== undefined);
      expect(acceptable).toContain(checksum);
      expect(model.countParams()).toBe(2 * (2048 * 2048 + 2048));
      // The next save clears the dead process' temp files and leaves one shard.
      await model.save(`file://${target}`);
      const after = await readdir(target);
      expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(after).toContain('model.json');
      model.dispose();
    });
  },
);
