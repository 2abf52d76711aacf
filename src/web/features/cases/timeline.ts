// Opens a case timeline item in this tab with the key it names: a record key from the
// timeline's key map (under sealedContext, or the report's details context), or the
// organisation key for report messages and file names. Pure, so it can be tested in Node.
import type { TIMELINE_KINDS } from '../../../common/api/cases.ts';
import {
  decryptFieldText,
  fromB64,
  openSealedText,
  sodium,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import { DETAILS_CONTEXT, fileMeta, reportDetails } from '../../../common/intake/report.ts';
import type { SealedTable } from '../../../common/records/contexts.ts';
import type { Timeline, TimelineItem } from './api.ts';
import { attempt, openField, openKey, type Opened } from './sealing.ts';

type Kind = (typeof TIMELINE_KINDS)[number];

/** The table whose context binds an item's sealed columns. */
const TABLE_OF: Partial<Record<Kind, SealedTable>> = {
  case_opened: 'cases',
  incident: 'incidents',
  intervention_submitted: 'interventions',
  intervention_response: 'interventions',
  task_due: 'tasks',
  task_done: 'tasks',
  contact: 'case_contacts',
};

/** The readable text of an item, decrypted in this tab with the key it names. */
export function openTimelineItem(
  item: TimelineItem,
  keys: Timeline['keys'],
  org: BoxKeyPair,
): Opened<string> | null {
  const sealed = item.sealed;
  // Report messages and file names are sealed straight to the organisation key.
  if (item.kind === 'report_message') {
    const text = sealed.sealed_for_org;
    return text ? attempt(() => openSealedText(org, fromB64(text))) : null;
  }
  if (item.kind === 'report_file') {
    const meta = sealed.sealed_meta;
    return meta
      ? attempt(() => fileMeta.parse(JSON.parse(openSealedText(org, fromB64(meta)))).name)
      : null;
  }
  const key = item.keyRecordId ? openKey(keys[item.keyRecordId], org) : null;
  try {
    if (item.kind === 'report_received') {
      const details = sealed.sealed_details;
      if (!details) return null;
      if (!key) return { ok: false };
      return attempt(
        () =>
          reportDetails.parse(JSON.parse(decryptFieldText(key, fromB64(details), DETAILS_CONTEXT)))
            .narrative ?? '',
      );
    }
    const table = TABLE_OF[item.kind];
    const [column, value] =
      Object.entries(sealed).find(([c]) => c === 'sealed_title') ??
      Object.entries(sealed).find(([c]) => c === 'sealed_note') ??
      [];
    if (!column || !value) return null;
    return table ? openField(key, table, column, item.sourceId, value) : { ok: false };
  } finally {
    if (key) sodium().memzero(key);
  }
}
