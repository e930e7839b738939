/**
 * A static file server on 127.0.0.1 (a secure context for the browser without TLS), with the
 * cross-origin isolation headers when asked: SharedArrayBuffer, and so WASM threads, exist in a
 * page only when it is crossOriginIsolated.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // WebAssembly.compileStreaming/instantiateStreaming refuse any other type.
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves `routes`: URL path → file, or URL prefix ending in '/' → directory. The longest
 * matching prefix wins; nothing outside the mapped files and directories is reachable.
 */
export async function serveStatic(routes: Readonly<Record<string, string>>, crossOriginIsolated: boolean): Promise<StaticServer> {
  const prefixes = Object.keys(routes)
    .filter((p) => p.endsWith('/'))
    .sort((a, b) => b.length - a.length);

  function resolve(urlPath: string): string | null {
    if (urlPath in routes && !urlPath.endsWith('/')) return routes[urlPath];
    for (const prefix of prefixes) {
      if (!urlPath.startsWith(prefix)) continue;
      const root = normalize(routes[prefix]);
      const file = normalize(join(root, urlPath.slice(prefix.length)));
      // No '..' escapes from the mapped directory.
      return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
    }
    return null;
  }

  const server: Server = createServer((req, res) => {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (crossOriginIsolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(path);
    const fail = (status: number): void => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`${status} ${path}\n`);
    };
    if (file === null || (req.method !== 'GET' && req.method !== 'HEAD')) return fail(file === null ? 404 : 405);
    stat(file).then(
      (s) => {
        if (!s.isFile()) return fail(404);
        res.writeHead(200, {
          ...headers,
          'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': String(s.size),
        });
        if (req.method === 'HEAD') return res.end();
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      },
      () => fail(404),
    );
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // Port 0: the OS picks a free one, so parallel test files never collide.
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
