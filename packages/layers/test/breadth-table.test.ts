/** docs/layers-and-ops.md is generated from what the packages export; it must match the build
 *  under test, so a layer or op added or dropped without regenerating the table fails here. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

it('docs/layers-and-ops.md lists exactly the layers and ops the packages export', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'breadth-table.mjs'), '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
