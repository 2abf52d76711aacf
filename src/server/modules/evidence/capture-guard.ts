// The SSRF guard of web captures. A member must not be able to make the server read its
// own internal services (a database admin page, a cloud metadata endpoint, the router) by
// "capturing" them, or by capturing a public page that redirects or links there.
//
// So Chromium never connects anywhere itself: each capture gets a small forward proxy of
// its own on 127.0.0.1, and the browser context sends every request through it — the page,
// each redirect, every image, script and WebSocket, loopback included. The proxy resolves
// the name, refuses loopback, private, link-local and other non-public addresses (unless
// `allowPrivateNetworks`), and connects to exactly the address it checked, so a name that
// resolves differently a moment later (DNS rebinding) gains nothing.
//
// With an upstream proxy configured (e.g. Tor's socks5://127.0.0.1:9050), names are not
// resolved here at all — that would leak every captured name to the local resolver — but
// passed to the proxy; literal addresses and local names are still checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { BlockList, connect, isIP, type AddressInfo, type Socket } from 'node:net';

/** Why a connection was not made. */
export type GuardRefusal = 'private_address' | 'unresolvable' | 'unreachable';

export class GuardError extends Error {
  readonly refusal: GuardRefusal;
  constructor(refusal: GuardRefusal, message: string) {
    super(message);
    this.name = 'GuardError';
    this.refusal = refusal;
  }
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Whether an address is one a capture may not reach (IPv4-mapped and NAT64 forms too). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded) return blocked.check(embedded, 'ipv4');
  const mappedHex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const hi = parseInt(mappedHex[1] ?? '0', 16);
    const lo = parseInt(mappedHex[2] ?? '0', 16);
    return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
  }
  // IPv4-compatible (deprecated) ::a.b.c.d
  const compatible = /^::(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (compatible) return blocked.check(compatible, 'ipv4');
  return blocked.check(address, 'ipv6');
}

/** Names that mean "this machine" or the local network, whatever a resolver says. */
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    name.endsWith('.home.arpa') ||
    !name.includes('.')
  );
}

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export interface GuardOptions {
  allowPrivateNetworks: boolean;
  /** Upstream proxy every connection goes through (socks5://, socks5h://, socks4 no; http://). */
  upstream: string | null;
  /** Milliseconds to wait for a connection. */
  connectTimeoutMs: number;
  /** The resolver (tests); the system's by default. */
  lookup?: Lookup;
  /**
   * Which resolved addresses are refused (tests, to play a public server on loopback);
   * isNonPublicAddress by default.
   */
  isBlocked?: (address: string, port: number) => boolean;
}

/**
 * Opens a TCP connection to host:port after the checks above; the caller owns the socket.
 * Throws GuardError naming why it would not or could not.
 */
export async function openGuardedSocket(
  host: string,
  port: number,
  options: GuardOptions,
): Promise<Socket> {
  const bare = host.replace(/^\[|\]$/g, '');
  const literal = isIP(bare) !== 0;
  const isBlocked = options.isBlocked ?? isNonPublicAddress;
  if (!options.allowPrivateNetworks) {
    if (literal ? isBlocked(bare, port) : isLocalName(bare))
      throw new GuardError('private_address', 'that address is on a private network');
  }
  if (options.upstream) return viaUpstream(options.upstream, bare, port, options);

  let address = bare;
  if (!literal) {
    let found: { address: string }[];
    try {
      found = await (options.lookup ?? systemLookup)(bare);
    } catch {
      throw new GuardError('unresolvable', 'the name does not resolve');
    }
    if (found.length === 0) throw new GuardError('unresolvable', 'the name does not resolve');
    // One private address among several is enough to refuse: which one the browser would
    // have used is not ours to guess.
    if (!options.allowPrivateNetworks && found.some((a) => isBlocked(a.address, port)))
      throw new GuardError('private_address', 'that name resolves to a private network');
    address = found[0]?.address ?? bare;
  }
  return connectTcp(address, port, options.connectTimeoutMs);
}

function connectTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new GuardError('unreachable', 'the connection timed out'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      reject(new GuardError('unreachable', 'the connection was refused'));
    });
  });
}

async function viaUpstream(
  upstream: string,
  host: string,
  port: number,
  options: GuardOptions,
): Promise<Socket> {
  const url = new URL(upstream);
  const socket = await connectTcp(
    url.hostname.replace(/^\[|\]$/g, ''),
    Number(url.port || (url.protocol.startsWith('socks') ? 1080 : 8080)),
    options.connectTimeoutMs,
  );
  try {
    if (url.protocol === 'socks5:' || url.protocol === 'socks5h:') {
      await socks5Connect(socket, host, port, options.connectTimeoutMs);
    } else if (url.protocol === 'http:') {
      await httpConnect(socket, host, port, options.connectTimeoutMs);
    } else {
      throw new GuardError('unreachable', `unsupported proxy ${url.protocol}`);
    }
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

/** Reads exactly `n` bytes from a socket that nobody else reads yet. */
function readBytes(socket: Socket, n: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const timeout = setTimeout(
      () => finish(new GuardError('unreachable', 'the proxy is silent')),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= n) {
        // Stop listening first: unshift on a flowing stream emits the bytes again at once.
        finish(null, buffered.subarray(0, n));
        const rest = buffered.subarray(n);
        if (rest.length > 0) socket.unshift(rest);
      }
    };
    const onEnd = () => finish(new GuardError('unreachable', 'the proxy closed the connection'));
    function finish(error: Error | null, value?: Buffer) {
      clearTimeout(timeout);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onEnd);
      socket.pause();
      if (error) reject(error);
      else resolve(value ?? Buffer.alloc(0));
    }
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onEnd);
    socket.resume();
  });
}

/** RFC 1928 CONNECT without authentication, the name sent to the proxy (no local DNS). */
async function socks5Connect(socket: Socket, host: string, port: number, timeoutMs: number) {
  socket.write(Buffer.from([0x05, 0x01, 0x00]));
  const hello = await readBytes(socket, 2, timeoutMs);
  if (hello[0] !== 0x05 || hello[1] !== 0x00)
    throw new GuardError('unreachable', 'the SOCKS proxy wants a login');
  const family = isIP(host);
  let address: Buffer;
  if (family === 4) address = Buffer.from([0x01, ...host.split('.').map(Number)]);
  else if (family === 6) {
    const groups = expandIpv6(host);
    address = Buffer.alloc(17);
    address[0] = 0x04;
    groups.forEach((g, i) => address.writeUInt16BE(g, 1 + i * 2));
  } else {
    const name = Buffer.from(host, 'utf8');
    if (name.length > 255) throw new GuardError('unresolvable', 'the name is too long');
    address = Buffer.concat([Buffer.from([0x03, name.length]), name]);
  }
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port);
  socket.write(Buffer.concat([Buffer.from([0x05, 0x01, 0x00]), address, portBytes]));
  const reply = await readBytes(socket, 4, timeoutMs);
  if (reply[1] !== 0x00) {
    // 0x04 host unreachable, 0x05 refused, 0x02 not allowed by ruleset (Tor: private).
    throw new GuardError(
      reply[1] === 0x02 ? 'private_address' : 'unreachable',
      `the SOCKS proxy could not connect (code ${reply[1] ?? '?'})`,
    );
  }
  const rest = reply[3] === 0x01 ? 6 : reply[3] === 0x04 ? 18 : 1;
  const more = await readBytes(socket, rest, timeoutMs);
  if (reply[3] === 0x03) await readBytes(socket, (more[0] ?? 0) + 2, timeoutMs);
}

function expandIpv6(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = address.includes('::') ? parse(tail) : [];
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

async function httpConnect(socket: Socket, host: string, port: number, timeoutMs: number) {
  const target = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
  let head = '';
  while (!head.includes('\r\n\r\n')) {
    head += (await readBytes(socket, 1, timeoutMs)).toString('latin1');
    if (head.length > 8192) throw new GuardError('unreachable', 'the proxy answer is too long');
  }
  if (!/^HTTP\/1\.[01] 200/.test(head))
    throw new GuardError('unreachable', 'the HTTP proxy refused the connection');
}

// ---- the per-capture proxy -----------------------------------------------------------

/** Marks a refusal the proxy answered itself (for plain http:// requests). */
export const REFUSAL_HEADER = 'x-qorgan-capture-refused';

export interface GuardProxy {
  /** http://127.0.0.1:<port>, for the browser context's proxy setting. */
  url: string;
  /** Refusals so far, by `host:port`, in order. */
  refusals: Map<string, GuardRefusal>;
  close(): Promise<void>;
}

/** Starts the forward proxy one capture's browser context uses. */
export async function startGuardProxy(options: GuardOptions): Promise<GuardProxy> {
  const refusals = new Map<string, GuardRefusal>();
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    return socket;
  };
  const guarded = async (host: string, port: number) => {
    try {
      return track(await openGuardedSocket(host, port, options));
    } catch (error) {
      refusals.set(`${host}:${port}`, error instanceof GuardError ? error.refusal : 'unreachable');
      throw error;
    }
  };

  const server: Server = createServer((request, response) => {
    // A plain http:// request in absolute form.
    let target: URL;
    try {
      target = new URL(request.url ?? '');
      if (target.protocol !== 'http:') throw new Error('not http');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const port = Number(target.port || 80);
    guarded(target.hostname.replace(/^\[|\]$/g, ''), port).then(
      (socket) => forward(request, target, socket, response),
      (error: unknown) => {
        const refusal = error instanceof GuardError ? error.refusal : 'unreachable';
        response
          .writeHead(refusal === 'private_address' ? 403 : 502, { [REFUSAL_HEADER]: refusal })
          .end();
      },
    );
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(request.url ?? '');
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const host = (match[1] ?? '').replace(/^\[|\]$/g, '');
    guarded(host, Number(match[2])).then(
      (upstream) => {
        upstream.on('error', () => client.destroy());
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
        upstream.resume();
      },
      (error: unknown) => {
        const refusal = error instanceof GuardError ? error.refusal : 'unreachable';
        client.end(
          `HTTP/1.1 ${refusal === 'private_address' ? '403 Forbidden' : '502 Bad Gateway'}\r\n${REFUSAL_HEADER}: ${refusal}\r\n\r\n`,
        );
      },
    );
  });
  server.on('connection', (socket: Socket) => track(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refusals,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forward(request: IncomingMessage, target: URL, socket: Socket, response: ServerResponse) {
  const headers = { ...request.headers };
  delete headers['proxy-connection'];
  delete headers['proxy-authorization'];
  headers.connection = 'close';
  const outgoing = httpRequest({
    createConnection: () => socket,
    method: request.method,
    path: `${target.pathname}${target.search}`,
    headers,
  });
  outgoing.on('response', (incoming) => {
    response.writeHead(incoming.statusCode ?? 502, incoming.rawHeaders);
    incoming.pipe(response);
  });
  outgoing.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { [REFUSAL_HEADER]: 'unreachable' });
    response.end();
  });
  socket.resume();
  request.pipe(outgoing);
}
