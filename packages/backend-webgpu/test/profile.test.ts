import { describe, expect, it } from 'vitest';
import { ArgumentError, BackendUnavailableError } from '@tensile/core';
import { createWebGpuBackend, type WebGpuBackendOptions } from '../src/index.js';
import { adapterFamily, resolveProfile } from '../src/profile.js';
import { noAdapter, probeAdapter } from './adapter.js';

// What the adapters report: Dawn on Mesa 25 here, Chromium's SwiftShader in test/browser.
const LLVMPIPE = {
  name: 'mesa / software / llvmpipe-llvm-15-0-6-256-bits- / llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
  architecture: 'software',
  fallback: true,
};
const SWIFTSHADER = { name: 'google / swiftshader', architecture: 'swiftshader', fallback: true };
const GPU = { name: 'nvidia / ampere / NVIDIA GeForce RTX 3080', architecture: 'ampere', fallback: false };

describe('webgpu: the tuning profile', () => {
  it('tells llvmpipe (or lavapipe), other software adapters and GPUs apart', () => {
    expect(adapterFamily(LLVMPIPE)).toBe('llvmpipe');
    expect(adapterFamily({ name: 'mesa / lavapipe', architecture: '', fallback: false })).toBe('llvmpipe');
    expect(adapterFamily(SWIFTSHADER)).toBe('software');
    expect(adapterFamily({ name: 'microsoft / WARP', architecture: '', fallback: true })).toBe('software');
    expect(adapterFamily({ name: 'someone / software', architecture: 'software', fallback: false })).toBe('software');
    expect(adapterFamily(GPU)).toBe('gpu');
  });

  it('gives each adapter its kernel paths, and paces reads only for software adapters in Node', () => {
    expect(resolveProfile(LLVMPIPE, true)).toEqual({
      gemm: 'direct',
      directRows: 4,
      directConv: true,
      filterGradOverRows: true,
      paceReads: true,
    });
    expect(resolveProfile(SWIFTSHADER, false)).toEqual({
      gemm: 'direct',
      directRows: 2,
      directConv: false,
      filterGradOverRows: false,
      paceReads: false,
    });
    expect(resolveProfile(SWIFTSHADER, true).paceReads).toBe(true);
    expect(resolveProfile(GPU, true)).toEqual({
      gemm: 'tiled',
      directRows: 2,
      directConv: false,
      filterGradOverRows: false,
      paceReads: false,
    });
  });

  it("lets any field be overridden and keeps the adapter's choice for the rest", () => {
    expect(resolveProfile(LLVMPIPE, true, { gemm: 'tiled', paceReads: false })).toEqual({
      gemm: 'tiled',
      directRows: 4,
      directConv: true,
      filterGradOverRows: true,
      paceReads: false,
    });
    expect(resolveProfile(GPU, false, { directConv: true, directRows: 4 })).toEqual({
      gemm: 'tiled',
      directRows: 4,
      directConv: true,
      filterGradOverRows: false,
      paceReads: false,
    });
  });

  it('refuses unknown or mistyped profile options at createWebGpuBackend, naming them', () => {
    const bad =
      (options: unknown): (() => unknown) =>
      () =>
        createWebGpuBackend(options as WebGpuBackendOptions);
    expect(bad({ profile: { gemm: 'tild' } })).toThrow(ArgumentError);
    expect(bad({ profile: { gemm: 'tild' } })).toThrow("createWebGpuBackend: profile.gemm must be 'tiled' or 'direct', got 'tild'");
    expect(bad({ profile: { directRows: 8 } })).toThrow('createWebGpuBackend: profile.directRows must be 2 or 4, got 8');
    expect(bad({ profile: { directConv: 'yes' } })).toThrow("createWebGpuBackend: profile.directConv must be true or false, got 'yes'");
    expect(bad({ profile: { unrolledConv: true } })).toThrow(
      /unknown profile field 'unrolledConv'; the fields are gemm, directRows, directConv, filterGradOverRows, paceReads/,
    );
    expect(bad({ profile: 'llvmpipe' })).toThrow(
      "createWebGpuBackend: profile must be an object of profile fields (gemm, directRows, directConv, filterGradOverRows, paceReads), got 'llvmpipe'",
    );
    // The GEMM was a top-level option before the profile.
    expect(bad({ gemm: 'tiled' })).toThrow(ArgumentError);
    expect(bad({ gemm: 'tiled' })).toThrow(
      "createWebGpuBackend: unknown option 'gemm'; the options are gpu, allowSoftware, powerPreference, batchSize, profile; the GEMM is a profile field now: {profile: {gemm: 'tiled'}}",
    );
    expect(() => createWebGpuBackend({ profile: { gemm: undefined, paceReads: false } })).not.toThrow();
  });

  it('has no profile before init, since the adapter decides it', () => {
    expect(() => createWebGpuBackend().profile).toThrow(BackendUnavailableError);
  });
});

const reason = await probeAdapter();
if (reason !== null) {
  noAdapter('webgpu profile on this adapter', reason);
} else {
  describe('webgpu: the tuning profile on this adapter', () => {
    it("resolves the adapter's profile with the overrides on top, and exposes it", async () => {
      const plain = createWebGpuBackend({ allowSoftware: true });
      const tiled = createWebGpuBackend({ allowSoftware: true, profile: { gemm: 'tiled', directConv: false } });
      try {
        await plain.init();
        await tiled.init();
        expect(tiled.profile).toEqual({ ...plain.profile, gemm: 'tiled', directConv: false });
        if (/llvmpipe/.test(plain.adapterName)) {
          expect(plain.profile).toEqual({ gemm: 'direct', directRows: 4, directConv: true, filterGradOverRows: true, paceReads: true });
        }
      } finally {
        plain.dispose();
        tiled.dispose();
      }
    });
  });
}
