import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  BINARY_CODES,
  BINARY_OPS,
  FUSED_ACTIVATION_CODES,
  FUSED_ACTIVATIONS,
  REDUCE_CODES,
  REDUCE_OPS,
  UNARY_CODES,
  UNARY_OPS,
} from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { abiFingerprint, type SubOpLists } from '../src/abi-fingerprint.js';
import { createWasmBackend } from '../src/index.js';
import { CONV_PARAMS, PARAM_LAYOUTS } from '../src/param-layouts.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const LISTS: SubOpLists = { unary: UNARY_OPS, binary: BINARY_OPS, reduce: REDUCE_OPS, activation: FUSED_ACTIVATIONS };
const FINGERPRINT = abiFingerprint(LISTS, PARAM_LAYOUTS);

/** `name = code` members of `export const enum <name> { ... }` in assembly/generated/codes.ts. */
function enumMembers(source: string, name: string): [string, number][] {
  const body = new RegExp(`export const enum ${name} \\{([^}]*)\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/(\w+) = (\d+),/g)].map((m) => [m[1], Number(m[2])]);
}

/** Signed LEB128, as an `i32.const` immediate is encoded. */
function sleb128(value: number): number[] {
  const bytes: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function indexOfBytes(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('assembly/generated (codes, dispatch and layouts from core and src/param-layouts.ts)', () => {
  it("is what core's lists and the layouts give now: the build compiled current files", () => {
    const r = spawnSync(process.execPath, ['scripts/generate-assembly.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it("numbers each sub-op by its place in core's list, as the TypeScript side does", async () => {
    const codes = await readFile(new URL('../assembly/generated/codes.ts', import.meta.url), 'utf8');
    expect(enumMembers(codes, 'UnaryCode')).toEqual(Object.entries(UNARY_CODES));
    expect(enumMembers(codes, 'BinaryCode')).toEqual(Object.entries(BINARY_CODES));
    expect(enumMembers(codes, 'ReduceCode')).toEqual(Object.entries(REDUCE_CODES));
    expect(enumMembers(codes, 'Activation')).toEqual(Object.entries(FUSED_ACTIVATION_CODES));
    expect(UNARY_CODES.leakyRelu).toBe(UNARY_OPS.indexOf('leakyRelu'));
  });

  it('reads each slot where the TypeScript side writes it, with its declared type', async () => {
    const layouts = await readFile(new URL('../assembly/generated/layouts.ts', import.meta.url), 'utf8');
    const conv = layouts.split('export namespace ConvParams {')[1]?.split('\n}\n')[0] ?? '';
    const accessors = [...conv.matchAll(/function (\w+)\(p: usize\): (\w+) \{ return load<\w+>\(p, (\d+)\); \}/g)];
    expect(accessors.map((m) => [m[1], m[2], Number(m[3])])).toEqual(
      Object.entries(CONV_PARAMS).map(([slot, type], i) => [slot, type, 4 * i]),
    );
  });

  it('changes the fingerprint when a list is reordered or a slot moves', () => {
    const swapped = [...UNARY_OPS];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(abiFingerprint({ ...LISTS, unary: swapped }, PARAM_LAYOUTS)).not.toBe(FINGERPRINT);
    const { n, h, ...rest } = CONV_PARAMS;
    expect(abiFingerprint(LISTS, { ...PARAM_LAYOUTS, conv: { h, n, ...rest } })).not.toBe(FINGERPRINT);
  });

  it('the compiled module reports the fingerprint of the current lists and layouts', async () => {
    const backend = createWasmBackend({ threads: 1 });
    await backend.init();
    expect(backend.exports.abiFingerprint() >>> 0).toBe(FINGERPRINT);
    backend.dispose();
  });

  it('init refuses a module built for other lists or layouts, and says to rebuild', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../dist/wasm/tensile-simd.wasm', import.meta.url)));
    // The fingerprint is the immediate of abiFingerprint's one i32.const (opcode 0x41).
    const needle = [0x41, ...sleb128(FINGERPRINT)];
    const at = indexOfBytes(bytes, needle);
    expect(at).toBeGreaterThan(0);
    expect(indexOfBytes(bytes, needle, at + 1)).toBe(-1);
    const other = sleb128(FINGERPRINT ^ 1);
    expect(other.length).toBe(needle.length - 1);
    bytes.set(other, at + 1);
    const backend = createWasmBackend({ threads: 1, relaxedSimd: false, wasmBytes: bytes });
    await expect(backend.init()).rejects.toThrow(
      /wasm: tensile-simd.wasm was built for other sub-op lists or parameter layouts .*rebuild @tensile\/backend-wasm/,
    );
  });
});
