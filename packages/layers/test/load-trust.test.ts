/**
 * Issue 10 B, "the model loader reads outside the model's folder": model.json is untrusted, so a
 * shard path that leaves the folder (`..`, absolute paths, symbolic links, URLs elsewhere), that
 * names something other than a regular file (`/dev/zero`, a directory, a pipe), or a shard whose
 * size is not what the manifest describes, is refused with ModelFormatError before anything is
 * read or allocated. Real files in a temp folder; a real node:http server on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ModelFormatError, ready, tensor2d } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { layers, loadModel, sequential } from '../src/index.js';
import { values } from './helpers.js';

let root: string;
/** The good model's shard file name, and the expected bytes: (4*3 + 3 + 3*2 + 2) floats. */
let shard: string;
const BYTES = 92;
let foreign: string;
const x = tensor2d([[1, 2, 3, 4]]);

function dense() {
  return sequential([layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), layers.dense({ units: 2 })]);
}

beforeAll(async () => {
  await ready();
  root = await mkdtemp(join(tmpdir(), 'tensile-trust-'));
  const m = dense();
  await m.save(`file://${join(root, 'good')}`);
  m.dispose();
  shard = JSON.parse(await readFile(join(root, 'good', 'model.json'), 'utf8')).weightsManifest[0].paths[0];
  // Another model of the same shape, whose weights must never be loaded through the good one.
  const other = dense();
  await other.save(`file://${join(root, 'other')}`);
  other.dispose();
  foreign = join(root, 'foreign.bin');
  const otherShard = JSON.parse(await readFile(join(root, 'other', 'model.json'), 'utf8')).weightsManifest[0].paths[0];
  await cp(join(root, 'other', otherShard), foreign);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A copy of the good model in `name`/ whose manifest names `paths` (after `prepare` ran in it). */
async function variant(name: string, paths: string[], prepare?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  await rm(dir, { recursive: true, force: true });
  await cp(join(root, 'good'), dir, { recursive: true });
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = paths;
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await prepare?.(dir);
  return dir;
}

/** Peak resident memory of this process so far, in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function expectRefused(url: string, message: string | RegExp): Promise<void> {
  const tensors = undisposedTensors();
  const peak = peakRss();
  const err = await loadModel(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelFormatError);
  if (typeof message === 'string') expect((err as Error).message).toBe(message);
  else expect((err as Error).message).toMatch(message);
  // Refused with nothing built and nothing big allocated from the bad file. No time limit: a
  // busy CI machine can stall any test, and a hostile size would show in memory.
  expect(undisposedTensors()).toBe(tensors);
  expect(peakRss() - peak).toBeLessThan(64 * 2 ** 20);
}

describe('file:// shards stay inside the model folder', () => {
  it('the good model, and shard paths written ./x, sub/x or as a link inside the folder, load', async () => {
    const good = await loadModel(`file://${join(root, 'good')}`);
    const plain = await values(good.apply(x));
    for (const [name, p, prepare] of [
      ['dot-slash', `./${shard}`, undefined],
      [
        'sub-folder',
        `w/${shard}`,
        async (d: string) => {
          await mkdir(join(d, 'w'));
          await cp(join(d, shard), join(d, 'w', shard));
        },
      ],
      ['link-inside', 'link.bin', async (d: string) => symlink(join(d, shard), join(d, 'link.bin'))],
    ] as const) {
      const m = await loadModel(`file://${await variant(name, [p], prepare)}`);
      expect(await values(m.apply(x)), name).toEqual(plain);
      m.dispose();
    }
    good.dispose();
  });

  it("refuses ../ (which would load another model's weights)", async () => {
    const dir = await variant('dotdot', ['../foreign.bin']);
    await expectRefused(
      `file://${dir}`,
      `loadModel: ${dir}/model.json names weight shard "../foreign.bin", which climbs out of it with '..'; shard paths must be relative paths inside the model's folder ${dir}`,
    );
  });

  it('refuses an absolute path, even to a shard of the right size', async () => {
    const dir = await variant('absolute', [foreign]);
    expect((await stat(foreign)).size).toBe(BYTES);
    await expectRefused(
      `file://${dir}`,
      `loadModel: ${dir}/model.json names weight shard ${JSON.stringify(foreign)}, an absolute path or URL; shard paths must be relative paths inside the model's folder ${dir}`,
    );
  });

  it('refuses /dev/zero at once, without reading it', async () => {
    const dir = await variant('dev-zero', ['/dev/zero']);
    await expectRefused(`file://${dir}`, /names weight shard "\/dev\/zero", an absolute path or URL/);
    // Through a link in the folder it is still not read: the link leads out of the folder.
    const linked = await variant('dev-zero-link', ['zero.bin'], (d) => symlink('/dev/zero', join(d, 'zero.bin')));
    await expectRefused(
      `file://${linked}`,
      `loadModel: weight shard "zero.bin" named in ${linked}/model.json resolves to /dev/zero, outside the model's folder ${linked} (a symbolic link out of it?)`,
    );
  }, 10_000);

  it('refuses a symbolic link that points out of the folder', async () => {
    const dir = await variant('link-out', ['w.bin'], (d) => symlink(foreign, join(d, 'w.bin')));
    await expectRefused(
      `file://${dir}`,
      `loadModel: weight shard "w.bin" named in ${dir}/model.json resolves to ${foreign}, outside the model's folder ${dir} (a symbolic link out of it?)`,
    );
  });

  it('refuses a directory, a named pipe and a device named as a shard', async () => {
    const d1 = await variant('dir-shard', ['d.bin'], (d) => mkdir(join(d, 'd.bin')));
    await expectRefused(`file://${d1}`, `loadModel: weight shard "d.bin" named in ${d1}/model.json is a directory, not a regular file`);
    const d2 = await variant('fifo-shard', ['p.bin'], async (d) => {
      expect(spawnSync('mkfifo', [join(d, 'p.bin')]).status).toBe(0);
    });
    // Opening a pipe with no writer would block forever: it is never opened.
    await expectRefused(`file://${d2}`, `loadModel: weight shard "p.bin" named in ${d2}/model.json is a named pipe, not a regular file`);
    // model.json itself must be a regular file too (here a link to a device inside /dev).
    const d3 = join(root, 'json-device');
    await mkdir(d3);
    await symlink('/dev/zero', join(d3, 'model.json'));
    await expectRefused(
      `file://${d3}`,
      `loadModel: ${d3}/model.json is a character device, not a regular file; expected a model.json file`,
    );
  }, 10_000);

  it('refuses a shard larger or smaller than the manifest before reading it', async () => {
    const big = await variant('big-shard', [shard], (d) => writeFile(join(d, shard), Buffer.alloc(BYTES + 4), { flag: 'a' }));
    await expectRefused(
      `file://${big}`,
      `loadModel: ${big}/model.json weightsManifest[0] describes ${BYTES} bytes of weights, but weight shard ${big}/${shard} holds ${2 * BYTES + 4} bytes (not the shard this manifest describes?)`,
    );
    const small = await variant('small-shard', [shard], (d) => truncate(join(d, shard), 20));
    await expectRefused(
      `file://${small}`,
      `loadModel: ${small}/model.json weightsManifest[0] describes ${BYTES} bytes of weights, but weight shard ${small}/${shard} holds 20 bytes (truncated or corrupt shard?)`,
    );
    // A 1 GiB (sparse) shard: refused from its size alone, so the process does not grow by 1 GiB.
    const huge = await variant('huge-shard', [shard], (d) => truncate(join(d, shard), 2 ** 30));
    await expectRefused(`file://${huge}`, /describes 92 bytes of weights, but weight shard .* holds 1073741824 bytes/);
  }, 10_000);

  it('refuses a model.json over 32 MiB before reading it', async () => {
    const dir = await variant('huge-json', [shard], (d) => truncate(join(d, 'model.json'), 48 * 2 ** 20));
    await expectRefused(
      `file://${dir}`,
      `loadModel: ${dir}/model.json is 50331648 bytes; a model.json may be at most 33554432 bytes (32 MiB): it holds the topology and the weights manifest, the weights belong in shard files`,
    );
  });
});

describe("http:// shards come from model.json's own folder URL", () => {
  let server: Server;
  let origin: string;
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requested.push(path);
      if (path.endsWith('/claims-1gib.bin')) {
        // Headers only: a loader that trusts Content-Length waits here, one that reads would hang.
        res.writeHead(200, { 'content-length': String(2 ** 30) });
        res.flushHeaders();
        return;
      }
      if (path.endsWith('/endless.bin')) {
        // No length, and bytes for as long as the client reads (throttled, so a bad loader grows slowly).
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (path.endsWith('/redirect.bin')) {
        res.writeHead(302, { location: '/files/other-model/w.bin' });
        res.end();
        return;
      }
      if (path.endsWith('/huge/model.json')) {
        res.writeHead(200, { 'content-length': String(48 * 2 ** 20) });
        res.flushHeaders();
        return;
      }
      const file = path.startsWith('/files/') ? join(root, 'http', ...path.slice('/files/'.length).split('/')) : '';
      readFile(file).then(
        (data) => res.writeHead(200, { 'content-length': String(data.length) }).end(data),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // /files/model/ is the model's folder; /files/other-model/w.bin is a foreign shard of the right size.
    await mkdir(join(root, 'http', 'other-model'), { recursive: true });
    await cp(foreign, join(root, 'http', 'other-model', 'w.bin'));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Serves the good model at /files/<name>/model.json with the manifest naming `paths`. */
  async function served(name: string, paths: string[], prepare?: (dir: string) => Promise<void>): Promise<string> {
    const dir = join(root, 'http', name);
    await rm(dir, { recursive: true, force: true });
    await cp(join(root, 'good'), dir, { recursive: true });
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = paths;
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await prepare?.(dir);
    return `${origin}/files/${name}/model.json`;
  }

  it('a model served over http loads, its shard from its folder', async () => {
    const m = await loadModel(await served('model', [shard]));
    const good = await loadModel(`file://${join(root, 'good')}`);
    expect(await values(m.apply(x))).toEqual(await values(good.apply(x)));
    m.dispose();
    good.dispose();
  });

  it('refuses ../, root-absolute, absolute and percent-encoded paths out of the folder, without requesting them', async () => {
    requested.length = 0;
    const folder = `${origin}/files/m1/`;
    const url = await served('m1', ['../other-model/w.bin']);
    await expectRefused(
      url,
      `loadModel: ${url} names weight shard "../other-model/w.bin", which climbs out of it with '..'; shard paths must be relative paths inside the model's folder ${folder}`,
    );
    const url2 = await served('m1', ['/files/other-model/w.bin']);
    await expectRefused(url2, /names weight shard "\/files\/other-model\/w\.bin", an absolute path or URL/);
    const url3 = await served('m1', [`${origin}/files/other-model/w.bin`]);
    await expectRefused(
      url3,
      /an absolute path or URL; shard paths must be relative paths inside the model's folder http:\/\/127\.0\.0\.1:\d+\/files\/m1\//,
    );
    const url4 = await served('m1', ['//evil.example/w.bin']);
    await expectRefused(url4, /names weight shard "\/\/evil\.example\/w\.bin", an absolute path or URL/);
    const url5 = await served('m1', ['%2e%2e/other-model/w.bin']);
    await expectRefused(url5, /which hides '\.', '\/' or '\\' in percent-encoding/);
    expect(requested.filter((p) => p.includes('other-model') || p.includes('evil'))).toEqual([]);
  });

  it('refuses a shard redirected out of the folder', async () => {
    const url = await served('m2', ['redirect.bin']);
    await expectRefused(
      url,
      /weight shard http:\/\/127\.0\.0\.1:\d+\/files\/m2\/redirect\.bin named in .* was redirected to http:\/\/127\.0\.0\.1:\d+\/files\/other-model\/w\.bin, outside the model's folder/,
    );
  });

  it('refuses a shard whose Content-Length or body exceeds the manifest, and one that is short', async () => {
    const url = await served('m3', ['claims-1gib.bin']);
    await expectRefused(
      url,
      new RegExp(
        `weightsManifest\\[0\\] describes ${BYTES} bytes of weights, but weight shard .*/claims-1gib\\.bin holds 1073741824 bytes`,
      ),
    );
    const url2 = await served('m3', ['endless.bin']);
    await expectRefused(
      url2,
      new RegExp(
        `describes ${BYTES} bytes of weights, but weight shard .*/endless\\.bin holds at least \\d+ bytes \\(not the shard this manifest describes\\?\\)`,
      ),
    );
    const url3 = await served('m4', [shard], (d) => truncate(join(d, shard), 20));
    await expectRefused(
      url3,
      new RegExp(`describes ${BYTES} bytes of weights, but weight shard .* holds 20 bytes \\(truncated or corrupt shard\\?\\)`),
    );
  }, 10_000);

  it('refuses a model.json over 32 MiB from its Content-Length', async () => {
    const url = `${origin}/files/huge/model.json`;
    await expectRefused(
      url,
      `loadModel: ${url} is 50331648 bytes; a model.json may be at most 33554432 bytes (32 MiB): it holds the topology and the weights manifest, the weights belong in shard files`,
    );
  });
});
