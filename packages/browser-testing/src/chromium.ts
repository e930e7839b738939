/**
 * Where Chromium is and how it starts. Always Debian's /usr/bin/chromium (apt-get install -y
 * chromium): playwright-core only drives it and never downloads a browser of its own.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get install -y chromium';

/**
 * The flags (docs/browser-testing.md says why). Headless, no sandbox (containers lack the user
 * namespaces it needs), no network chatter or updates that could stall or change a run, and
 * WebGPU/WebGL on SwiftShader since there is no GPU (`--disable-gpu` keeps the GPU process off
 * real hardware; the unsafe-* flags allow the software adapter). `--use-angle=vulkan` must not be
 * added: it breaks WebGL.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`Chromium not found at ${path}: browser tests need Debian's chromium (${CHROMIUM_INSTALL})`);
    this.name = 'ChromiumMissingError';
  }
}

/** Why the browser tests cannot run here, or null when Chromium is installed. */
export function chromiumMissingReason(path: string = CHROMIUM_PATH): string | null {
  return existsSync(path) ? null : new ChromiumMissingError(path).message;
}

/**
 * Whether a missing browser must fail the tests instead of skipping them: in CI (CI=true, as
 * .ci/run sets) or with TENSILE_REQUIRE_BROWSER=1. Locally, without chromium, they skip.
 */
export function browserRequired(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return (ci !== '' && ci !== 'false' && ci !== '0') || env.TENSILE_REQUIRE_BROWSER === '1';
}
