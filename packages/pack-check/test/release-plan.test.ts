/**
 * The changesets configuration as `changeset version` will apply it: the five public packages
 * move together, and a minor release of core stays a minor release everywhere. Backends and
 * layers take core as a peer dependency, and changesets by default gives every dependent of a
 * peer a major bump whenever the peer gets a minor one; with the fixed group that would turn
 * each minor release of core into 1.0.0 of all five.
 */
import assembleReleasePlan from '@changesets/assemble-release-plan';
import { read } from '@changesets/config';
import { getPackages } from '@manypkg/get-packages';
import { describe, expect, it } from 'vitest';
import { PUBLIC, root } from './pack-tarballs.js';

const PUBLIC_NAMES = PUBLIC.map((p) => `@tensile/${p}`).sort();

async function plan(releases: { name: string; type: 'patch' | 'minor' | 'major' }[]): Promise<Record<string, string>> {
  const packages = await getPackages(root);
  const config = await read(root, packages);
  const result = assembleReleasePlan([{ id: 'probe', summary: 'probe', releases }], packages, config, undefined);
  return Object.fromEntries(result.releases.filter((r) => r.type !== 'none').map((r) => [r.name, `${r.type} ${r.newVersion}`]));
}

describe('release plan (.changeset/config.json)', () => {
  it('publishes publicly and versions exactly the five public packages as one fixed group', async () => {
    const packages = await getPackages(root);
    const config = await read(root, packages);
    expect(config.access).toBe('public');
    expect(config.fixed.map((group) => [...group].sort())).toEqual([PUBLIC_NAMES]);
    const published = packages.packages
      .filter((p) => p.packageJson.private !== true)
      .map((p) => p.packageJson.name)
      .sort();
    expect(published).toEqual(PUBLIC_NAMES);
  });

  it('a minor change to core is a minor release of all five, not a major one', async () => {
    const version = (await getPackages(root)).packages.find((p) => p.packageJson.name === '@tensile/core')?.packageJson.version ?? '';
    const [major, minor] = version.split('.').map(Number);
    const next = `minor ${major}.${minor + 1}.0`;
    expect(await plan([{ name: '@tensile/core', type: 'minor' }])).toEqual(Object.fromEntries(PUBLIC_NAMES.map((n) => [n, next])));
  });

  it('a patch to one backend is a patch release of all five, and of nothing private', async () => {
    const released = await plan([{ name: '@tensile/backend-wasm', type: 'patch' }]);
    expect(Object.keys(released).sort()).toEqual(PUBLIC_NAMES);
    expect(new Set(Object.values(released).map((r) => r.split(' ')[0]))).toEqual(new Set(['patch']));
  });
});
