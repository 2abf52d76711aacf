// RFC 3161 trusted time: build a timestamp request for a hash-manifest digest, read the
// authority's response, and check a token on its own (imprint, CMS signature, the
// signer's certificate chain to a CA the organisation trusts, and that the signer is a
// timestamping certificate).
//
// Runs in the browser, the server and the CLI alike: WebCrypto (`globalThis.crypto`) and
// pkijs/asn1js only, no node: imports. The same check runs when the server stores a
// token, when a member presses "verify now", and when `qorgan evidence verify` reads a
// package, so that all three agree on what a good token is.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** id-sha256: the only imprint algorithm we ask for and accept. */
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE_ATTR = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST_ATTR = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_SHA1 = '1.3.14.3.2.26';

/** Names of what can be wrong with a token, in the order they are checked. */
export const TIMESTAMP_FAILURES = [
  /** The bytes are not a CMS SignedData carrying a TSTInfo. */
  'token_malformed',
  /** The token stamps a digest made with something other than SHA-256. */
  'imprint_algorithm_not_sha256',
  /** The token stamps another digest than the one expected. */
  'imprint_mismatch',
  /** The token does not carry the nonce of the request it answers. */
  'nonce_mismatch',
  /** The token does not include the certificate that signed it. */
  'signer_certificate_missing',
  /** The CMS signature (or its signed content-type / message-digest attributes) is wrong. */
  'signature_invalid',
  /** The ESS signing-certificate attribute names another certificate than the signer's. */
  'signing_certificate_mismatch',
  /** The signer's certificate does not chain to a trusted CA valid at the stamped time. */
  'certificate_untrusted',
  /** The signer's certificate is not for timestamping (extended key usage). */
  'not_timestamping_certificate',
  /** One of the trusted CA certificates given could not be read. */
  'trusted_ca_unreadable',
] as const;
export type TimestampFailure = (typeof TIMESTAMP_FAILURES)[number];

/** RFC 3161 PKIStatus values. */
export const TIMESTAMP_STATUS = {
  granted: 0,
  grantedWithMods: 1,
  rejection: 2,
  waiting: 3,
  revocationWarning: 4,
  revocationNotification: 5,
} as const;

/** pkijs engine bound to this realm's WebCrypto, passed explicitly to every call. */
let engineCache: pkijs.CryptoEngine | null = null;
function engine(): pkijs.CryptoEngine {
  if (engineCache) return engineCache;
  const webCrypto = globalThis.crypto;
  if (!webCrypto?.subtle) throw new Error('WebCrypto is not available');
  engineCache = new pkijs.CryptoEngine({ name: 'webcrypto', crypto: webCrypto });
  // Some pkijs internals ignore the engine passed in and ask the global one.
  if (!pkijs.getEngine().crypto) pkijs.setEngine('webcrypto', engineCache);
  return engineCache;
}

// ---- request --------------------------------------------------------------------------

/** A fresh random 64-bit positive nonce. */
export function randomNonce(): bigint {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytesToBigInt(bytes);
}

/**
 * A DER TimeStampReq (version 1, SHA-256 imprint of `digest`, certReq true) with `nonce`
 * (a random one when not given). Send it as `application/timestamp-query`.
 */
export function buildTimestampRequest(
  digest: Uint8Array,
  nonce: bigint | Uint8Array = randomNonce(),
): Uint8Array<ArrayBuffer> {
  if (digest.length !== 32) throw new Error('a SHA-256 digest is 32 bytes');
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID_SHA256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: copy(digest) }),
    }),
    nonce: asn1js.Integer.fromBigInt(typeof nonce === 'bigint' ? nonce : bytesToBigInt(nonce)),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

// ---- response -------------------------------------------------------------------------

export interface ParsedTimestampResponse {
  /** PKIStatus: 0 granted, 1 granted with modifications, 2 rejection, 3 waiting, … */
  status: number;
  /** The authority's free text and failure bits, when it gave any. */
  statusText?: string;
  /** The TimeStampToken (a CMS ContentInfo), DER, exactly as the authority sent it. */
  token?: Uint8Array<ArrayBuffer>;
}

/** Reads a DER TimeStampResp. Throws when the bytes are not one. */
export function parseTimestampResponse(der: Uint8Array): ParsedTimestampResponse {
  const asn = asn1js.fromBER(copy(der));
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence))
    throw new Error('not a timestamp response');
  const response = new pkijs.TimeStampResp({ schema: asn.result });
  const result: ParsedTimestampResponse = { status: response.status.status };
  const texts = (response.status.statusStrings ?? []).map((s) => s.valueBlock.value);
  const failInfo = response.status.failInfo ? failInfoNames(response.status.failInfo) : [];
  if (failInfo.length > 0) texts.push(`failInfo: ${failInfo.join(', ')}`);
  if (texts.length > 0) result.statusText = texts.join('; ');
  const tokenElement = asn.result.valueBlock.value[1];
  if (response.timeStampToken && tokenElement)
    result.token = new Uint8Array(tokenElement.valueBeforeDecodeView);
  return result;
}

function failInfoNames(bits: asn1js.BitString): string[] {
  const names = [
    'badAlg',
    '',
    'badRequest',
    '',
    '',
    'badDataFormat',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'timeNotAvailable',
    'unacceptedPolicy',
    'unacceptedExtension',
    'addInfoNotAvailable',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'systemFailure',
  ];
  const view = bits.valueBlock.valueHexView;
  const out: string[] = [];
  for (let i = 0; i < view.length * 8; i++) {
    const byte = view[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) out.push(names[i] || `bit${i}`);
  }
  return out;
}

// ---- token ----------------------------------------------------------------------------

interface DecodedToken {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
  /** The encapsulated TSTInfo bytes the signature covers. */
  tstInfoDer: Uint8Array;
  /** Each of `signedData.certificates` exactly as encoded in the token, same order. */
  certificateDers: Uint8Array[];
}

function decodeToken(tokenDer: Uint8Array): DecodedToken {
  const asn = asn1js.fromBER(copy(tokenDer));
  if (asn.offset === -1) throw new Error('not DER');
  const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
  if (contentInfo.contentType !== OID_SIGNED_DATA) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== OID_TST_INFO || !eContent)
    throw new Error('the SignedData does not carry a TSTInfo');
  const tstInfoDer = new Uint8Array(eContent.getValue());
  const tstInfo = pkijs.TSTInfo.fromBER(copy(tstInfoDer));
  // The certificates field is [0] IMPLICIT inside the SignedData sequence.
  const certificateSet = (contentInfo.content as asn1js.Sequence).valueBlock.value.find(
    (element) => element.idBlock.tagClass === 3 && element.idBlock.tagNumber === 0,
  ) as asn1js.Constructed | undefined;
  const certificateDers = (certificateSet?.valueBlock.value ?? []).map(
    (element) => new Uint8Array(element.valueBeforeDecodeView),
  );
  return { signedData, tstInfo, tstInfoDer, certificateDers };
}

export interface TimestampTokenInfo {
  /** When the authority stamped the digest. */
  genTime: Date;
  /** The token's serial number, lowercase hex without prefix. */
  serialNumber: string;
  /** The authority's policy OID. */
  policy: string;
  /** The stamped digest, lowercase hex, and the algorithm that made it (OID). */
  digest: string;
  digestAlgorithm: string;
  /** The nonce, decimal, when the token has one. */
  nonce?: string;
  /** The signing certificate's subject, e.g. `CN=Example TSA, O=Example`, when included. */
  tsaSubject?: string;
  /** The signing certificate's issuer, when included. */
  tsaIssuer?: string;
  /** Accuracy of genTime in milliseconds, when stated. */
  accuracyMs?: number;
}

/** What a token says, for display. Throws when the bytes are not a timestamp token. */
export function tokenInfo(tokenDer: Uint8Array): TimestampTokenInfo {
  const { signedData, tstInfo } = decodeToken(tokenDer);
  const signer = findSignerCertificateSync(signedData);
  const info: TimestampTokenInfo = {
    genTime: tstInfo.genTime,
    serialNumber: integerHex(tstInfo.serialNumber),
    policy: tstInfo.policy,
    digest: toHex(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
    digestAlgorithm: tstInfo.messageImprint.hashAlgorithm.algorithmId,
  };
  if (tstInfo.nonce) info.nonce = tstInfo.nonce.toBigInt().toString();
  if (signer) {
    info.tsaSubject = distinguishedName(signer.subject);
    info.tsaIssuer = distinguishedName(signer.issuer);
  }
  const accuracy = tstInfo.accuracy;
  if (accuracy) {
    info.accuracyMs =
      (accuracy.seconds ?? 0) * 1000 + (accuracy.millis ?? 0) + (accuracy.micros ?? 0) / 1000;
  }
  return info;
}

export interface VerifyTimestampOptions {
  /** The digest the token must stamp (SHA-256, 32 bytes). */
  digest: Uint8Array;
  /** The CA certificates (PEM, several per string allowed) the signer must chain to. */
  trustedCaPem: string[];
  /** The nonce of the request, when checking a fresh response. */
  nonce?: bigint | Uint8Array;
}

export interface TimestampVerification {
  /** True only when `failures` is empty. */
  ok: boolean;
  genTime?: Date;
  /** Lowercase hex without prefix. */
  serialNumber?: string;
  tsaSubject?: string;
  /** Every check that failed; see TIMESTAMP_FAILURES. */
  failures: TimestampFailure[];
}

/**
 * Checks a TimeStampToken completely and offline: the imprint is SHA-256 of `digest`,
 * the CMS signature over the TSTInfo is good, the signer's certificate chains to one of
 * `trustedCaPem` (valid at the stamped time) and is a timestamping certificate. Every
 * check runs, so `failures` names all that is wrong, not just the first thing.
 */
export async function verifyTimestampToken(
  tokenDer: Uint8Array,
  options: VerifyTimestampOptions,
): Promise<TimestampVerification> {
  const crypto = engine();
  const failures = new Set<TimestampFailure>();
  const done = (extra: Partial<TimestampVerification>): TimestampVerification => {
    const list = TIMESTAMP_FAILURES.filter((f) => failures.has(f));
    return { ...extra, ok: list.length === 0, failures: list };
  };

  let decoded: DecodedToken;
  try {
    decoded = decodeToken(tokenDer);
  } catch {
    failures.add('token_malformed');
    return done({});
  }
  const { signedData, tstInfo, tstInfoDer, certificateDers } = decoded;
  const result: Partial<TimestampVerification> = {
    genTime: tstInfo.genTime,
    serialNumber: integerHex(tstInfo.serialNumber),
  };

  // Imprint.
  const imprint = tstInfo.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== OID_SHA256)
    failures.add('imprint_algorithm_not_sha256');
  if (!bytesEqual(imprint.hashedMessage.valueBlock.valueHexView, options.digest))
    failures.add('imprint_mismatch');

  // Nonce.
  if (options.nonce !== undefined) {
    const expected =
      typeof options.nonce === 'bigint' ? options.nonce : bytesToBigInt(options.nonce);
    if (!tstInfo.nonce || tstInfo.nonce.toBigInt() !== expected) failures.add('nonce_mismatch');
  }

  // Signer.
  const signerInfo = signedData.signerInfos[0];
  const signer = signedData.signerInfos.length === 1 ? findSignerCertificateSync(signedData) : null;
  if (!signerInfo || !signer) {
    failures.add(signerInfo ? 'signer_certificate_missing' : 'token_malformed');
    failures.add('signature_invalid');
    failures.add('certificate_untrusted');
    return done(result);
  }
  result.tsaSubject = distinguishedName(signer.subject);

  // CMS signature over the signed attributes, which bind the TSTInfo by its digest.
  if (!(await signatureValid(signerInfo, signer, tstInfoDer, crypto)))
    failures.add('signature_invalid');
  // The hash pins the certificate as the authority encoded it, byte for byte.
  const signerIndex = (signedData.certificates ?? []).indexOf(signer);
  const signerDer = certificateDers[signerIndex] ?? new Uint8Array(signer.toSchema().toBER(false));
  if (!(await signingCertificateMatches(signerInfo, signerDer, crypto)))
    failures.add('signing_certificate_mismatch');

  // Chain to a trusted CA at the stamped time.
  const trusted: pkijs.Certificate[] = [];
  for (const pem of options.trustedCaPem) {
    try {
      trusted.push(...parsePemCertificates(pem));
    } catch {
      failures.add('trusted_ca_unreadable');
    }
  }
  if (!(await chainsToTrusted(signer, signedData, trusted, tstInfo.genTime, crypto)))
    failures.add('certificate_untrusted');

  if (!hasTimestampingUsage(signer)) failures.add('not_timestamping_certificate');
  return done(result);
}

async function signatureValid(
  signerInfo: pkijs.SignerInfo,
  signer: pkijs.Certificate,
  tstInfoDer: Uint8Array,
  crypto: pkijs.CryptoEngine,
): Promise<boolean> {
  try {
    const hash = crypto.getAlgorithmByOID(signerInfo.digestAlgorithm.algorithmId);
    if (!('name' in hash)) return false;
    let signed: ArrayBuffer;
    if (signerInfo.signedAttrs) {
      let contentTypeOk = false;
      let messageDigest: Uint8Array | null = null;
      for (const attribute of signerInfo.signedAttrs.attributes) {
        const value: unknown = attribute.values[0];
        if (attribute.type === OID_CONTENT_TYPE_ATTR)
          contentTypeOk =
            value instanceof asn1js.ObjectIdentifier &&
            value.valueBlock.toString() === OID_TST_INFO;
        if (attribute.type === OID_MESSAGE_DIGEST_ATTR && value instanceof asn1js.OctetString)
          messageDigest = value.valueBlock.valueHexView;
      }
      if (!contentTypeOk || !messageDigest) return false;
      const actual = new Uint8Array(await crypto.digest({ name: hash.name }, copy(tstInfoDer)));
      if (!bytesEqual(actual, messageDigest)) return false;
      signed = signerInfo.signedAttrs.encodedValue;
    } else {
      signed = copy(tstInfoDer);
    }
    return await crypto.verifyWithPublicKey(
      signed,
      signerInfo.signature,
      signer.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      hash.name,
    );
  } catch {
    return false;
  }
}

/**
 * RFC 3161 requires the ESS signing-certificate attribute (v1 with SHA-1, or v2): it pins
 * the certificate the authority meant, so a token cannot be re-attributed to another
 * certificate with the same key. Absent → false.
 */
async function signingCertificateMatches(
  signerInfo: pkijs.SignerInfo,
  signerDer: Uint8Array,
  crypto: pkijs.CryptoEngine,
): Promise<boolean> {
  try {
    const attributes = signerInfo.signedAttrs?.attributes ?? [];
    const certDer = copy(signerDer);
    for (const attribute of attributes) {
      const isV1 = attribute.type === OID_SIGNING_CERTIFICATE;
      const isV2 = attribute.type === OID_SIGNING_CERTIFICATE_V2;
      if (!isV1 && !isV2) continue;
      const signingCertificate: unknown = attribute.values[0];
      if (!(signingCertificate instanceof asn1js.Sequence)) return false;
      const certs = signingCertificate.valueBlock.value[0];
      if (!(certs instanceof asn1js.Sequence)) return false;
      const first = certs.valueBlock.value[0];
      if (!(first instanceof asn1js.Sequence)) return false;
      let hashOid = isV1 ? OID_SHA1 : OID_SHA256;
      let hashValue: unknown = first.valueBlock.value[0];
      if (isV2 && hashValue instanceof asn1js.Sequence) {
        hashOid = new pkijs.AlgorithmIdentifier({ schema: hashValue }).algorithmId;
        hashValue = first.valueBlock.value[1];
      }
      if (!(hashValue instanceof asn1js.OctetString)) return false;
      const hash = crypto.getAlgorithmByOID(hashOid);
      if (!('name' in hash)) return false;
      const actual = new Uint8Array(await crypto.digest({ name: hash.name }, certDer));
      return bytesEqual(actual, hashValue.valueBlock.valueHexView);
    }
    return false;
  } catch {
    return false;
  }
}

async function chainsToTrusted(
  signer: pkijs.Certificate,
  signedData: pkijs.SignedData,
  trusted: pkijs.Certificate[],
  at: Date,
  crypto: pkijs.CryptoEngine,
): Promise<boolean> {
  if (trusted.length === 0) return false;
  try {
    const intermediates = (signedData.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== signer,
    );
    const chain = new pkijs.CertificateChainValidationEngine({
      trustedCerts: trusted,
      certs: [...intermediates, signer],
      checkDate: at,
    });
    const outcome = await chain.verify({}, crypto);
    return outcome.result === true;
  } catch {
    return false;
  }
}

function hasTimestampingUsage(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const parsed: unknown = extension?.parsedValue;
  return parsed instanceof pkijs.ExtKeyUsage && parsed.keyPurposes.includes(OID_KP_TIME_STAMPING);
}

function findSignerCertificateSync(signedData: pkijs.SignedData): pkijs.Certificate | null {
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return null;
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return (
      certificates.find(
        (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
      ) ?? null
    );
  }
  // subjectKeyIdentifier: match the certificate's SKI extension.
  if (sid instanceof asn1js.BaseBlock) {
    const block = sid as asn1js.BaseBlock & {
      valueBlock: { valueHexView?: Uint8Array; value?: asn1js.BaseBlock[] };
    };
    const inner = block.valueBlock.value?.[0] as
      (asn1js.BaseBlock & { valueBlock: { valueHexView: Uint8Array } }) | undefined;
    const keyId = inner ? inner.valueBlock.valueHexView : block.valueBlock.valueHexView;
    if (!keyId) return null;
    return (
      certificates.find((c) => {
        const ski: unknown = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue;
        return ski instanceof asn1js.OctetString && bytesEqual(ski.valueBlock.valueHexView, keyId);
      }) ?? null
    );
  }
  return null;
}

// ---- certificates ---------------------------------------------------------------------

/** Every CERTIFICATE block in a PEM text. Throws on a malformed block or none at all. */
export function parsePemCertificates(pem: string): pkijs.Certificate[] {
  const blocks = [
    ...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ];
  if (blocks.length === 0) throw new Error('no certificate in the PEM text');
  return blocks.map((match) => {
    const der = base64ToBytes((match[1] ?? '').replace(/\s+/g, ''));
    return pkijs.Certificate.fromBER(copy(der));
  });
}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** `CN=…, O=…` most specific first, as people read it. */
function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value: unknown = tv.value.valueBlock.value;
      return `${NAME_OIDS[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '?'}`;
    })
    .reverse()
    .join(', ');
}

// ---- bytes ----------------------------------------------------------------------------

/**
 * A fresh ArrayBuffer holding exactly these bytes. (Not `bytes.slice().buffer`: a Node.js
 * pooled buffer's slice is a view into a shared pool whose `.buffer` holds other bytes.)
 */
function copy(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out.buffer;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function integerHex(integer: asn1js.Integer): string {
  const value = integer.toBigInt();
  return (value < 0n ? -value : value).toString(16);
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
