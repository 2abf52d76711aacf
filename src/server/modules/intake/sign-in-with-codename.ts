// A reporter comes back with their codename. The key derivation always runs and the
// lookup always happens, so a wrong codename costs the same time as a right one; the
// caller answers both the same way, and only the next page says whether a report exists.
import {
  CodenameFormatError,
  deriveReporterKeys,
  normaliseCodename,
} from '../../../common/crypto/codename.ts';
import type { BoxKeyPair } from '../../../common/crypto/envelope.ts';
import type { IntakeDeps } from './intake.deps.ts';
import { findReportIdByLookup } from './submissions.repository.ts';

export { CodenameFormatError };

export interface SignInWithCodenameOptions {
  deps: Pick<IntakeDeps, 'db' | 'secrets'>;
  /** What the reporter typed; normalised here. Throws CodenameFormatError when malformed. */
  codename: string;
}

export interface CodenameSignIn {
  /** The report the codename opens, or null when it opens none. */
  reportId: string | null;
  /** The reporter key pair: opens the replies, kept only in the in-memory session. */
  keyPair: BoxKeyPair;
}

export async function signInWithCodename(
  options: SignInWithCodenameOptions,
): Promise<CodenameSignIn> {
  const codename = normaliseCodename(options.codename);
  const keys = deriveReporterKeys(codename, options.deps.secrets.codenameSalt);
  const reportId = await findReportIdByLookup(options.deps.db, keys.lookup);
  return { reportId, keyPair: keys.keyPair };
}

/** Why a codename was refused, for a message that helps without revealing anything. */
export function codenameFormatProblem(input: string): { words: number; unknownWord: boolean } {
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '').length;
  return { words, unknownWord: words === 8 };
}
