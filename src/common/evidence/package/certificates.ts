// What people compare when deciding whether to trust a timestamp authority's CA: its
// subject and the SHA-256 fingerprint of its DER encoding (`openssl x509 -fingerprint
// -sha256` prints the same value, upper-case with colons).
import * as pkijs from 'pkijs';
import { pemCertificatesDer, sha256Hex } from './bytes.ts';

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** `CN=…, O=…` (most specific first), or '' when the bytes are not a certificate. */
export function certificateSubject(der: Uint8Array): string {
  try {
    const certificate = pkijs.Certificate.fromBER(der.slice().buffer);
    return certificate.subject.typesAndValues
      .map((tv) => {
        const value: unknown = tv.value.valueBlock.value;
        return `${NAME_OIDS[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '?'}`;
      })
      .reverse()
      .join(', ');
  } catch {
    return '';
  }
}

export interface CertificateSummary {
  /** SHA-256 of the DER encoding, lowercase hex. */
  sha256: string;
  subject: string;
}

/** Fingerprint and subject of every certificate in the PEM texts. */
export function summariseCertificates(pems: string[]): CertificateSummary[] {
  return pems.flatMap((pem) =>
    pemCertificatesDer(pem).map((der) => ({
      sha256: sha256Hex(der),
      subject: certificateSubject(der),
    })),
  );
}

/** `AB:CD:…` as openssl prints a fingerprint. */
export function colonFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}
