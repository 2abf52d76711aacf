// The reporter's codename: the only credential a reporter ever has (DESIGN.md). Eight
// words from the BIP-39 English list (2048 words): 8 × 11 = 88 bits of entropy. The words
// are short, distinct in their first four letters, and easy to write on paper.
//
// From the codename, Argon2id with the instance salt derives 64 bytes:
//  - the first 32 seed the reporter's X25519 key pair (staff replies are sealed to it);
//  - the last 32, hashed, are the lookup value stored with the report.
// The server stores neither the codename nor anything that opens the replies.
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { BoxKeyPair } from './envelope.ts';
import type { KdfParams } from './keys.ts';
import { sodium } from './sodium.ts';

export const CODENAME_WORDS = 8;
export const CODENAME_WORDLIST_SIZE = wordlist.length;
/** log2(2048) × 8 = 88 bits. */
export const CODENAME_ENTROPY_BITS = Math.log2(CODENAME_WORDLIST_SIZE) * CODENAME_WORDS;

/**
 * Argon2id cost for codenames. 88 random bits need no stretching against guessing; the
 * hash is defence in depth, so it uses OWASP's minimum (19 MiB, 2 passes), which keeps a
 * submission and a /return sign-in near 40 ms of server CPU (ARCHITECTURE.md).
 */
export const CODENAME_KDF: KdfParams = { opslimit: 2, memlimit: 19 * 1024 * 1024 };

const LOOKUP_CONTEXT = 'qorgan:codename-lookup:v1';

export interface ReporterKeys {
  keyPair: BoxKeyPair;
  /** Stored with the report; finds it again from the codename. */
  lookup: Uint8Array;
}

/** A fresh codename: eight words joined by single spaces. */
export function generateCodename(): string {
  const s = sodium();
  const words: string[] = [];
  for (let i = 0; i < CODENAME_WORDS; i++) {
    words.push(wordlist[s.randombytes_uniform(CODENAME_WORDLIST_SIZE)] ?? '');
  }
  return words.join(' ');
}

export class CodenameFormatError extends Error {
  constructor() {
    super('a codename is eight words from the list');
    this.name = 'CodenameFormatError';
  }
}

const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]));
const PREFIX_INDEX = new Map(wordlist.map((w) => [w.slice(0, 4), w]));

/**
 * Normalises what a reporter typed: any case, any separators (spaces, hyphens, commas,
 * new lines), and a word may be given by its first four letters. Throws
 * CodenameFormatError when it cannot be eight known words.
 */
export function normaliseCodename(input: string): string {
  const parts = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((p) => p !== '');
  if (parts.length !== CODENAME_WORDS) throw new CodenameFormatError();
  return parts
    .map((p) => {
      if (WORD_INDEX.has(p)) return p;
      const word = p.length >= 4 ? PREFIX_INDEX.get(p.slice(0, 4)) : undefined;
      if (!word) throw new CodenameFormatError();
      return word;
    })
    .join(' ');
}

/** Derives the reporter key pair and lookup value from a normalised codename. */
export function deriveReporterKeys(
  codename: string,
  instanceSalt: Uint8Array,
  params: KdfParams = CODENAME_KDF,
): ReporterKeys {
  const s = sodium();
  if (instanceSalt.length !== s.crypto_pwhash_SALTBYTES) {
    throw new Error(`the codename salt must be ${s.crypto_pwhash_SALTBYTES} bytes`);
  }
  const master = s.crypto_pwhash(
    64,
    codename,
    instanceSalt,
    params.opslimit,
    params.memlimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
  const box = s.crypto_box_seed_keypair(master.subarray(0, 32));
  const lookup = s.crypto_generichash(32, master.subarray(32, 64), s.from_string(LOOKUP_CONTEXT));
  s.memzero(master);
  return { keyPair: { publicKey: box.publicKey, privateKey: box.privateKey }, lookup };
}
