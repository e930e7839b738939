import { ArgumentError } from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackendOptions } from '../src/index.js';

describe('createWasmBackend options', () => {
  it.each([
    [{ threads: 0 }, /threads must be a whole number from 1 to 64, got 0/],
    [{ threads: 2.5 }, /threads must be a whole number from 1 to 64, got 2\.5/],
    [{ threads: 65 }, /threads must be a whole number from 1 to 64, got 65/],
    [{ sharesPerThread: '4' }, /sharesPerThread must be a whole number from 1 to 128, got string/],
    [{ relaxedSimd: 'yes' }, /relaxedSimd must be a boolean, got string/],
    [{ forceParallel: 1 }, /forceParallel must be a boolean, got number/],
    [{ wasmPath: 3 }, /wasmPath must be a string or URL, got number/],
    [{ wasmBytes: 'abc' }, /wasmBytes must be an ArrayBuffer or a typed array view, got string/],
    [{ thread: 2 }, /unknown option 'thread'; the options are threads, relaxedSimd/],
    [null, /options must be an object, got null/],
  ])('refuses %j at the call, naming the option', (options, message) => {
    const call = () => createWasmBackend(options as unknown as WasmBackendOptions);
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });

  it('takes every option in range', () => {
    expect(() =>
      createWasmBackend({
        threads: 64,
        sharesPerThread: 128,
        relaxedSimd: false,
        forceParallel: true,
        wasmPath: new URL('file:///x/'),
        wasmBytes: new Uint8Array(8),
      }),
    ).not.toThrow();
  });
});
