/**
 * The tuning profiles the suites run under, each forced on whatever adapter this machine has
 * (llvmpipe in CI) by giving every field: what llvmpipe gets, what other software adapters
 * (SwiftShader) get, and what GPUs get (the tiled GEMM, which no software adapter picks itself).
 */
import { familyProfile, type WebGpuProfile } from '../src/profile.js';

export interface NamedProfile {
  /** Goes into test names: 'webgpu (<name>)'. */
  readonly name: string;
  readonly profile: WebGpuProfile;
}

// The tests run in Node, where software adapters pace reads; a GPU's profile does not.
export const TEST_PROFILES: readonly NamedProfile[] = [
  { name: 'llvmpipe profile', profile: familyProfile('llvmpipe', true) },
  { name: 'software profile, as SwiftShader', profile: familyProfile('software', true) },
  { name: 'gpu profile, tiled GEMM', profile: familyProfile('gpu', true) },
];
