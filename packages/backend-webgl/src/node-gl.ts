/**
 * gpu.js on headless-gl (`gl` 8.1.6) in Node, loaded only when asked for, and the reason when it
 * cannot start: gl not installed, installed but not built (the workspace builds it in
 * `build:native`, never at install time), or no X display (headless-gl needs one: xvfb-run).
 * Nothing here runs at import, and nothing throws: the reason becomes listBackends()'s.
 *
 * gpu.js 2.24.1 depends on an old `webgpu` (0.2.9, nested under gpu.js/node_modules) that its
 * Node entry never requires: its webgpu mode takes `navigator.gpu`. Loading gpu.js through
 * Node's own `require` (not a bundler that follows every dependency) therefore leaves Dawn
 * 0.2.9 unloaded beside backend-webgpu's 0.6.2; test/node-gl.test.ts checks the module cache and
 * the process's mapped files after a kernel runs.
 */
import type { GPU, IGPUSettings } from 'gpu.js';

/** Debian packages that build headless-gl (the first six) and run it without a screen. */
export const HEADLESS_GL_APT_PACKAGES = [
  'build-essential',
  'python3',
  'pkg-config',
  'libxi-dev',
  'libglu1-mesa-dev',
  'libglew-dev',
  'xvfb',
  'xauth',
] as const;

const APT_INSTALL = `apt-get install -y ${HEADLESS_GL_APT_PACKAGES.join(' ')}`;
const BUILD = `${APT_INSTALL}, then \`npm run build\` (its build:native step compiles gl with node-gyp, about 3 min on 2 cores)`;
const XVFB = 'run the process under `xvfb-run -a` (apt-get install -y xvfb xauth)';

export type HeadlessGpu = { readonly gpu: GPU } | { readonly reason: string };

type CreateGl = (width: number, height: number, options?: object) => HeadlessGlContext | null;
interface HeadlessGlContext {
  getExtension(name: string): unknown;
}
interface DestroyExtension {
  destroy(): void;
}
type GpuJs = { GPU: typeof GPU };
type ModuleApi = { createRequire(path: string | URL): NodeJS.Require };

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/** Node's `module` builtin without importing it, so browser bundles never see a `node:` import. */
function nodeModuleApi(): ModuleApi | undefined {
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') return undefined;
  return process.getBuiltinModule?.('module') as ModuleApi | undefined;
}

/** Opens a 1x1 context to see that gl starts here, and closes it again. */
function probeContext(createGl: CreateGl): string | null {
  let ctx: HeadlessGlContext | null;
  try {
    ctx = createGl(1, 1);
  } catch (err) {
    return `webgl: headless-gl failed to create a context (${message(err)}); ${XVFB}`;
  }
  if (ctx === null) {
    const display = process.env.DISPLAY;
    if (process.platform === 'linux' && !display) {
      return `webgl: headless-gl needs an X display and DISPLAY is not set: ${XVFB}`;
    }
    return `webgl: headless-gl could not create a WebGL context${display ? ` on DISPLAY=${display}` : ''}; check that the X server runs, or ${XVFB}`;
  }
  const floats = ctx.getExtension('OES_texture_float') !== null;
  (ctx.getExtension('STACKGL_destroy_context') as DestroyExtension | null)?.destroy();
  return floats ? null : 'webgl: headless-gl has no OES_texture_float, which single-precision kernels need';
}

/**
 * A gpu.js instance in `headlessgl` mode, or why there cannot be one here. Each call makes a new
 * instance (call `gpu.destroy()` when done); the check behind it costs one 1x1 context.
 */
export async function createHeadlessGpu(settings: Omit<IGPUSettings, 'mode'> = {}): Promise<HeadlessGpu> {
  const api = nodeModuleApi();
  if (api === undefined) return { reason: 'webgl: headless-gl runs in Node only (Node 20.16+); in a browser gpu.js uses WebGL2' };
  const req = api.createRequire(import.meta.url);

  let fromGpuJs: NodeJS.Require;
  try {
    fromGpuJs = api.createRequire(req.resolve('gpu.js'));
  } catch (err) {
    return { reason: `webgl: gpu.js is not installed (${message(err)}); npm install gpu.js@2.24.1` };
  }
  // gl is resolved as gpu.js resolves it, so the probe checks the copy gpu.js will use.
  let glDir: string;
  try {
    glDir = fromGpuJs.resolve('gl/package.json').replace(/[\\/]package\.json$/, '');
  } catch {
    return {
      reason: `webgl: headless-gl (the \`gl\` 8.1.6 package, gpu.js's optional dependency) is not installed: run \`npm ci\`, then ${BUILD}`,
    };
  }
  try {
    // An absolute path resolves only when the file exists: node-gyp's output, if it ran.
    fromGpuJs.resolve(`${glDir}/build/Release/webgl.node`);
  } catch {
    return { reason: `webgl: headless-gl is installed (${glDir}) but not built: ${BUILD}` };
  }
  let createGl: CreateGl;
  try {
    createGl = fromGpuJs('gl') as CreateGl;
  } catch (err) {
    return { reason: `webgl: headless-gl is built but does not load (${message(err)}); rebuild it: ${BUILD}` };
  }
  const problem = probeContext(createGl);
  if (problem !== null) return { reason: problem };

  let gpuJs: GpuJs;
  try {
    gpuJs = req('gpu.js') as GpuJs;
  } catch (err) {
    return { reason: `webgl: gpu.js does not load (${message(err)})` };
  }
  if (!gpuJs.GPU.isHeadlessGLSupported) {
    return {
      reason:
        'webgl: gpu.js does not see headless-gl although a context opened here (gpu.js checked earlier, e.g. before a display existed)',
    };
  }
  return { gpu: new gpuJs.GPU({ ...settings, mode: 'headlessgl' }) };
}
