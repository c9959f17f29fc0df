import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCustomer } from './customer/build.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** test/lab/pages: the customer page and sample (CRM) pages. */
export const PAGES_DIR = path.join(HERE, 'pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
};

export type RouteBody = string | Buffer | { status?: number; type?: string; body: string | Buffer };
export type RouteHandler = (url: URL, request: http.IncomingMessage) => RouteBody | Promise<RouteBody>;

export interface HttpServerOptions {
  /** Directory served at /. Default test/lab/pages. */
  root?: string;
  /** Exact-path routes checked before files, e.g. { '/crm.html': '<html>…' }. */
  routes?: Record<string, RouteHandler | string>;
  port?: number;
}

export interface LabHttpServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  port: number;
  root: string;
  /** Absolute URL of a path on this server, e.g. pageUrl('/crm.html'). */
  pageUrl(pathname: string): string;
  /** Adds or replaces a route at runtime. */
  route(pathname: string, handler: RouteHandler | string): void;
  /** Requests served, newest last (path and time), for assertions and debugging. */
  requests(): Array<{ path: string; at: number; status: number }>;
  stop(): Promise<void>;
}

/**
 * Serves `root` (default test/lab/pages) plus /customer.js (the esbuild bundle of the customer
 * softphone) on 127.0.0.1 at a free port. No caching, no directory listing, no path escapes.
 */
export async function startHttpServer(options: HttpServerOptions = {}): Promise<LabHttpServer> {
  const root = path.resolve(options.root ?? PAGES_DIR);
  const routes = new Map<string, RouteHandler>();
  const served: Array<{ path: string; at: number; status: number }> = [];
  const addRoute = (pathname: string, handler: RouteHandler | string) =>
    routes.set(pathname, typeof handler === 'string' ? () => handler : handler);
  addRoute('/customer.js', async () => ({ type: TYPES['.js'], body: await bundleCustomer() }));
  for (const [pathname, handler] of Object.entries(options.routes ?? {})) addRoute(pathname, handler);

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      served.push({ path: url.pathname, at: Date.now(), status });
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    try {
      const handler = routes.get(url.pathname);
      if (handler) {
        const result = await handler(url, request);
        if (typeof result === 'string' || Buffer.isBuffer(result)) {
          send(200, TYPES[path.extname(url.pathname)] ?? TYPES['.html']!, result);
        } else {
          send(result.status ?? 200, result.type ?? TYPES['.html']!, result.body);
        }
        return;
      }
      let pathname = decodeURIComponent(url.pathname);
      if (pathname.endsWith('/')) pathname += 'index.html';
      const file = path.resolve(root, `.${pathname}`);
      if (!file.startsWith(root + path.sep)) {
        send(403, TYPES['.txt']!, 'forbidden\n');
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        send(404, TYPES['.txt']!, 'not found\n');
        return;
      }
      send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch (error) {
      send(500, TYPES['.txt']!, `lab http server error: ${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    root,
    pageUrl: (pathname) => new URL(pathname, `${url}/`).toString(),
    route: addRoute,
    requests: () => [...served],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
