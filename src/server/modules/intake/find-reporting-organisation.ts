// The organisation behind /report/:slug, only while it accepts reports: a paused or
// unknown organisation gets the same "not found" page.
import { slug, type Locale } from '../../../common/api/accounts.ts';
import { isLocale } from '../../../common/i18n/index.ts';
import type { IntakeDeps } from './intake.deps.ts';
import { selectReportingOrganisation } from './submissions.repository.ts';

export interface ReportingOrganisation {
  id: string;
  slug: string;
  name: string;
  /** Reports, file keys and messages are sealed to it. */
  publicKey: Uint8Array;
  defaultLocale: Locale;
}

export async function findReportingOrganisation(options: {
  deps: Pick<IntakeDeps, 'db'>;
  /** From the URL: anything at all. */
  slug: string;
}): Promise<ReportingOrganisation | null> {
  // Anything that is not shaped like a slug cannot name an organisation.
  const parsed = slug.safeParse(options.slug);
  if (!parsed.success) return null;
  const row = await selectReportingOrganisation(options.deps.db, parsed.data);
  if (!row) return null;
  return { ...row, defaultLocale: isLocale(row.defaultLocale) ? row.defaultLocale : 'ru' };
}
