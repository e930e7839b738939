/**
 * The built page (dist-web) served by Vite's own preview server, as `npm run web:preview` serves
 * it (same config, same COOP/COEP headers), with a counter of the bytes each response sends:
 * what a person's browser downloads, measured at the server.
 */
import { fileURLToPath } from 'node:url';
import { preview, type Plugin } from 'vite';

export interface Served {
  readonly url: string;
  /** Bytes sent since the last reset, by path. */
  readonly sent: Map<string, number>;
  readonly headers: Map<string, Record<string, string | string[] | number | undefined>>;
  reset(): void;
  close(): Promise<void>;
}

export async function servePage(): Promise<Served> {
  const sent = new Map<string, number>();
  const headers = new Map<string, Record<string, string | string[] | number | undefined>>();
  const counter: Plugin = {
    name: 'count-sent-bytes',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const add = (chunk: unknown, encoding?: unknown): void => {
          if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
          const n =
            typeof chunk === 'string'
              ? Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
              : (chunk as Uint8Array).byteLength;
          sent.set(path, (sent.get(path) ?? 0) + n);
        };
        const write = res.write.bind(res) as (...a: unknown[]) => boolean;
        const end = res.end.bind(res) as (...a: unknown[]) => typeof res;
        (res as { write: unknown }).write = (...a: unknown[]) => {
          add(a[0], a[1]);
          return write(...a);
        };
        (res as { end: unknown }).end = (...a: unknown[]) => {
          add(a[0], a[1]);
          headers.set(path, res.getHeaders());
          return end(...a);
        };
        next();
      });
    },
  };
  const server = await preview({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('../../web', import.meta.url)),
    plugins: [counter],
    preview: { port: 0, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return {
    url,
    sent,
    headers,
    reset: () => sent.clear(),
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}
