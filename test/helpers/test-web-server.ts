// Local web servers for capture tests: plain HTTP, and HTTPS with a self-signed
// certificate made by openssl (so a capture records tlsValid false). Pages are served
// from memory — nothing of them is written to disk, so a canary found on disk after a
// capture came from the capture.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect as netConnect,
  createServer as createNetServer,
  type AddressInfo,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './test-tsa.ts';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestWebServer {
  /** e.g. http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Paths requested so far, in order. */
  requests: string[];
  /** Serves `path` with `handler` (replacing any earlier one). */
  on(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** An HTML page (UTF-8) with this body. */
export function html(body: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>${
        /<h1>(.*?)<\/h1>/.exec(body)?.[1] ?? 'Test page'
      }</title></head><body>${body}</body></html>`,
    );
  };
}

export function redirect(location: string, status = 302): Handler {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

async function serve(
  make: (listener: Handler) => Server,
  scheme: 'http' | 'https',
  unref = false,
): Promise<TestWebServer> {
  const handlers = new Map<string, Handler>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = make((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(request.url ?? '/');
    const handler = handlers.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (unref) server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    on: (path, handler) => handlers.set(path, handler),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function startHttpServer(options: { unref?: boolean } = {}): Promise<TestWebServer> {
  return serve((listener) => createHttpServer(listener), 'http', options.unref);
}

/** HTTPS with a fresh self-signed certificate for 127.0.0.1 and localhost. */
export async function startHttpsServer(): Promise<TestWebServer & { certPem: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'qorgan-test-https-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      '/O=Qorgan Tests/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    const key = await readFile(keyPath, 'utf8');
    const cert = await readFile(certPath, 'utf8');
    const server = await serve((listener) => createHttpsServer({ key, cert }, listener), 'https');
    return { ...server, certPem: cert };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface TestSocksServer {
  /** socks5://127.0.0.1:PORT */
  url: string;
  /** `host:port` of every CONNECT, as the client named it (a name stays a name). */
  targets: string[];
  close(): Promise<void>;
}

/**
 * A minimal SOCKS5 proxy (RFC 1928, no authentication, CONNECT only) that sends every
 * connection to 127.0.0.1 on the requested port, as Tor would send it to the named site.
 */
export async function startSocksServer(): Promise<TestSocksServer> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    let stage: 'hello' | 'request' | 'piped' = 'hello';
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'hello' && buffered.length >= 2 && buffered.length >= 2 + (buffered[1] ?? 0)) {
        buffered = buffered.subarray(2 + (buffered[1] ?? 0));
        client.write(Buffer.from([0x05, 0x00]));
        stage = 'request';
      }
      if (stage !== 'request' || buffered.length < 5) return;
      const type = buffered[3];
      let host: string;
      let at: number;
      if (type === 0x01) {
        host = [...buffered.subarray(4, 8)].join('.');
        at = 8;
      } else if (type === 0x03) {
        const length = buffered[4] ?? 0;
        if (buffered.length < 5 + length + 2) return;
        host = buffered.subarray(5, 5 + length).toString('utf8');
        at = 5 + length;
      } else {
        client.end(Buffer.from([0x05, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
        return;
      }
      if (buffered.length < at + 2) return;
      const port = buffered.readUInt16BE(at);
      const rest = buffered.subarray(at + 2);
      stage = 'piped';
      client.off('data', onData);
      targets.push(`${host}:${port}`);
      const upstream = netConnect({ host: '127.0.0.1', port }, () => {
        client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
        if (rest.length > 0) upstream.write(rest);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.on('error', () => {
        client.end(Buffer.from([0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    targets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let sharedSite: Promise<TestWebServer> | undefined;

/**
 * One HTTP server for the whole test process with a plain page at /page, left to die with
 * the process: for route tables whose entries cannot close what they open.
 */
export function sharedTestWebServer(): Promise<TestWebServer> {
  sharedSite ??= startHttpServer({ unref: true }).then((server) => {
    server.on('/page', html('<h1>A public page</h1><p>Posted for everyone to see.</p>'));
    return server;
  });
  return sharedSite;
}
