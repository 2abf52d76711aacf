// Export the case file as a PDF, drawn in this tab from what is decrypted here. Real names
// are printed only when the member ticks the box; the file is named by the reference.
import { useState } from 'react';
import { sodium, type BoxKeyPair } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { openText } from '../../lib/keys.ts';
import { casesApi, type CaseDetail } from './api.ts';
import { openContactNote, type OpenedCase } from './decrypt.ts';
import { caseFilePdfName, downloadCaseFilePdf } from './pdf/export-case-pdf.ts';
import { buildCaseFileModel } from './pdf-model.ts';
import { openKey } from './sealing.ts';
import { openTimelineItem } from './timeline.ts';

export function ExportSection({
  detail,
  opened,
  org,
}: {
  detail: CaseDetail;
  opened: OpenedCase;
  org: BoxKeyPair;
}) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [includeNames, setIncludeNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const exportPdf = async () => {
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      const [timeline, contacts] = await Promise.all([
        casesApi.timeline(detail.case.id),
        casesApi.contacts(detail.case.id),
      ]);
      const caseKey = openKey(detail.case.sealedRecordKey, org);
      const model = buildCaseFileModel({
        detail,
        opened,
        contacts: contacts.contacts.map((contact) => ({
          contact,
          note: openContactNote(caseKey, contact),
        })),
        timeline: timeline.items.map((item) => ({
          item,
          text: openTimelineItem(item, timeline.keys, org),
        })),
        locale,
        decryptedBy:
          (session.me ? openText(org, session.me.member.displayNameSealed) : null) ??
          t('cases.export.aMember'),
        includeNames,
      });
      if (caseKey) sodium().memzero(caseKey);
      await downloadCaseFilePdf(model, locale, caseFilePdfName(detail.case.reference, locale));
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-export" className="section">
      <h2 id="case-export">{t('cases.export.title')}</h2>
      <p className="hint">{t('cases.export.hint')}</p>
      <CheckboxField
        label={t('cases.export.includeNames')}
        hint={t('cases.export.includeNamesHint')}
        checked={includeNames}
        onChange={(e) => setIncludeNames(e.target.checked)}
      />
      {busy ? <Busy>{t('cases.export.working')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {done ? <Alert kind="success">{t('cases.export.done')}</Alert> : null}
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy || !opened.keyOpened}
          onClick={() => void exportPdf()}
        >
          {t('cases.export.button')}
        </button>
      </div>
    </section>
  );
}
