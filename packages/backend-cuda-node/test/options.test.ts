import { describe, expect, it } from 'vitest';
import { createCudaBackend } from '../src/index.js';

describe('createCudaBackend options', () => {
  it('refuses unknown and mistyped options, naming them', () => {
    expect(() => createCudaBackend({ emulat: true } as never)).toThrow(/createCudaBackend: unknown option 'emulat'; known: emulate/);
    expect(() => createCudaBackend({ emulate: 'yes' } as never)).toThrow(/createCudaBackend: emulate must be a boolean, got string/);
    expect(() => createCudaBackend(null as never)).toThrow(/options must be an object, got null/);
    expect(createCudaBackend({ emulate: true }).kind).toBe('cuda');
  });
});
