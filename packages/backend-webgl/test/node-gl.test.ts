import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { GPU, Texture } from 'gpu.js';
import { afterAll, describe, expect } from 'vitest';
import { createHeadlessGpu } from '../src/node-gl.js';
import { itWithHeadlessGl } from './headless.js';

const require = createRequire(import.meta.url);

// Every native addon load and every CJS resolution from here on is recorded, failed ones too:
// the nested webgpu 0.2.9's dawn.node does not even load on Debian 12 (it needs GLIBCXX_3.4.32),
// so a failed, swallowed attempt would leave no trace in the module cache or the mapped files.
const dlopened: string[] = [];
const resolved: string[] = [];
const realDlopen = process.dlopen;
process.dlopen = (module: object, filename: string, flags?: number) => {
  dlopened.push(filename);
  // dlopen rejects an explicit undefined for its flags.
  return flags === undefined ? realDlopen.call(process, module, filename) : realDlopen.call(process, module, filename, flags);
};
type Resolver = (request: string, ...rest: unknown[]) => string;
const Module = require('node:module') as { _resolveFilename: Resolver };
const realResolve = Module._resolveFilename;
Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const path = realResolve.call(this, request, ...rest);
  resolved.push(path);
  return path;
};

const made = await createHeadlessGpu();
const gpu: GPU | undefined = 'gpu' in made ? made.gpu : undefined;
const reason = 'reason' in made ? made.reason : null;

afterAll(async () => {
  process.dlopen = realDlopen;
  Module._resolveFilename = realResolve;
  await gpu?.destroy();
});

describe('gpu.js on headless-gl (Node)', () => {
  itWithHeadlessGl('adds two Float32Arrays of 1000 values in a single-precision pipeline kernel and reads them back', reason, () => {
    if (gpu === undefined) throw new Error('unreachable');
    const n = 1000;
    const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 100);
    const b = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 0.37) * 3 + i);
    const add = gpu.createKernel('function (a, b) { return a[this.thread.x] + b[this.thread.x]; }', {
      output: [n],
      precision: 'single',
      pipeline: true,
    });
    const texture = add(a, b) as Texture;
    expect(typeof texture.toArray).toBe('function');
    const sum = texture.toArray() as Float32Array;
    const expected = Float32Array.from(a, (x, i) => x + b[i]);
    expect(sum).toHaveLength(n);
    expect(Array.from(sum)).toEqual(Array.from(expected));
    texture.delete();
    add.destroy();
  });

  itWithHeadlessGl("never loads gpu.js's nested webgpu 0.2.9 (module cache and mapped files)", reason, () => {
    const gpuJsDir = dirname(require.resolve('gpu.js/package.json'));
    const nested = join(gpuJsDir, 'node_modules', 'webgpu') + sep;
    const cached = Object.keys(require.cache);
    // The check means something only if gpu.js and gl were loaded through this same cache.
    expect(cached.some((p) => p.startsWith(join(gpuJsDir, 'src') + sep))).toBe(true);
    expect(cached.some((p) => p.endsWith(`${sep}webgl.node`))).toBe(true);
    expect(cached.filter((p) => p.startsWith(nested))).toEqual([]);
    expect(dlopened.some((p) => p.endsWith(`${sep}webgl.node`))).toBe(true);
    expect(dlopened.filter((p) => p.startsWith(nested) || p.endsWith('dawn.node'))).toEqual([]);
    expect(resolved.some((p) => p.startsWith(join(gpuJsDir, 'src') + sep))).toBe(true);
    expect(resolved.filter((p) => p.startsWith(nested))).toEqual([]);
    if (process.platform === 'linux') {
      const maps = readFileSync('/proc/self/maps', 'utf8').split('\n');
      expect(maps.some((line) => line.endsWith(`${sep}webgl.node`))).toBe(true);
      expect(maps.filter((line) => line.includes(nested) || line.includes('dawn.node'))).toEqual([]);
    }
  });
});
