// The TLS certificate chain a capture records, read over a connection of our own (Chromium
// does not hand it over): through the same guard as the page, so it reaches the server
// the page came from and nothing else. Whether the chain is valid is Node's verdict
// against its CA store; the capture keeps the chain either way.
import { X509Certificate } from 'node:crypto';
import {
  connect as tlsConnect,
  type PeerCertificate,
  type DetailedPeerCertificate,
} from 'node:tls';
import { isIP, type Socket } from 'node:net';
import { openGuardedSocket, type GuardOptions } from './capture-guard.ts';

export interface TlsChain {
  /** Leaf first, PEM. */
  chainPem: string[];
  /** Whether the chain verifies against the CA store for this name. */
  valid: boolean;
}

/** Reads the certificate chain of host:port; null when no TLS connection could be made. */
export async function readTlsChain(
  host: string,
  port: number,
  guard: GuardOptions,
  timeoutMs: number,
): Promise<TlsChain | null> {
  let socket: Socket;
  try {
    socket = await openGuardedSocket(host, port, guard);
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const tls = tlsConnect({
      socket,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => done(null), timeoutMs);
    function done(result: TlsChain | null) {
      clearTimeout(timer);
      tls.destroy();
      socket.destroy();
      resolve(result);
    }
    tls.once('error', () => done(null));
    tls.once('secureConnect', () => {
      const chainPem: string[] = [];
      const seen = new Set<string>();
      let certificate: PeerCertificate | DetailedPeerCertificate | undefined =
        tls.getPeerCertificate(true);
      while (certificate?.raw && !seen.has(certificate.fingerprint256)) {
        seen.add(certificate.fingerprint256);
        chainPem.push(new X509Certificate(certificate.raw).toString());
        const next: DetailedPeerCertificate | undefined =
          'issuerCertificate' in certificate ? certificate.issuerCertificate : undefined;
        certificate = next;
      }
      done({ chainPem, valid: tls.authorized });
    });
  });
}
