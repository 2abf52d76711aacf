import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import type { CsvPreview } from './import/index.ts';
import { authoriseMonitoring } from './monitoring.policy.ts';

/**
 * The first rows of a CSV file for the column-mapping step (monitoring.write): its
 * encoding, delimiter, header row and up to 20 rows. Nothing is stored.
 */
export async function previewCsvFile(options: {
  actor: Actor;
  /** The first bytes of the file. */
  bytes: Uint8Array;
  /** The bytes are the whole file (so a last row without a line break is complete). */
  wholeFile: boolean;
}): Promise<CsvPreview> {
  authoriseMonitoring(options.actor, 'monitoring.write');
  const { previewCsv, FatalImportError } = await import('./import/index.ts');
  try {
    return previewCsv(options.bytes, { wholeFile: options.wholeFile });
  } catch (error) {
    if (error instanceof FatalImportError) throw badRequest(error.code, error.message);
    throw error;
  }
}
