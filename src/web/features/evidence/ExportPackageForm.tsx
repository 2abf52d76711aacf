// "Export evidence package" on a case: the member chooses items and the summary's
// language; this tab fetches each file's ciphertext (one "exported" custody entry each),
// decrypts it as it streams into the ZIP (src/common/evidence/package/build.ts), saves the
// ZIP on the member's device and records the export with the manifest's SHA-256. The
// server never sees a decrypted byte of it.
import { useState, type FormEvent } from 'react';
import { LOCALES, type Locale } from '../../../common/api/accounts.ts';
import { fromB64, type BoxKeyPair } from '../../../common/crypto/index.ts';
import type { SealedFileInfo } from '../../../common/evidence/item-crypto.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField } from '../../components/fields.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { openText } from '../../lib/keys.ts';
import { evidenceApi, type EvidenceItem } from './api.ts';
import { decryptChunks, forget, openFileKeyOf, type OpenedItem } from './crypto.ts';
import { loadFonts } from './fonts.ts';
import { openFileSink } from './save.ts';
import { itemTitle } from './shared.tsx';

export interface CaseInfo {
  id: string;
  reference: string;
  /** The decrypted case title ('' when it does not open). */
  title: string;
}

/** The plaintext of one stored file, fetched for the export and decrypted as it is read. */
async function* exportedFile(
  item: EvidenceItem,
  info: SealedFileInfo,
  org: BoxKeyPair,
): AsyncGenerator<Uint8Array> {
  const file = item.files.find((f) => f.id === info.fileId);
  if (!file) throw new Error(`the ${info.role} file of item ${item.id} is not stored`);
  const response = await evidenceApi.fileContent(file.id, 'export');
  const key = openFileKeyOf(item, file, org);
  try {
    yield* decryptChunks(response.body, key);
  } finally {
    forget(key);
  }
}

export function ExportPackageForm({
  caseInfo,
  items,
  org,
}: {
  caseInfo: CaseInfo;
  items: OpenedItem[];
  org: BoxKeyPair;
}) {
  const { t, locale } = useI18n();
  const session = useSession();
  // Items left out; every readable item is in the package unless unticked.
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const [language, setLanguage] = useState<Locale>(locale);
  const [descriptions, setDescriptions] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; digest: string } | null>(null);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(excluded);
    if (on) next.delete(id);
    else next.add(id);
    setExcluded(next);
  };

  const build = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const selected = items.flatMap(({ item, meta }) =>
      meta && !excluded.has(item.id) ? [{ item, meta }] : [],
    );
    if (selected.length === 0) return setFieldError(t('evidence.export.chooseItems'));
    setFieldError(null);
    const total = selected.reduce((n, i) => n + i.meta.files.reduce((m, f) => m + f.size, 0), 0);
    const createdAt = new Date();
    const fileName = packageFileName(caseInfo.reference, createdAt);
    setProgress(0);
    try {
      // The save dialog (for a large package) must open while the click still counts.
      const sink = await openFileSink(fileName, 'application/zip', total);
      try {
        const [{ buildEvidencePackage }, fonts, authority, custody] = await Promise.all([
          // The ZIP and PDF libraries are loaded only when a member exports.
          import('../../../common/evidence/package/build.ts'),
          loadFonts(),
          evidenceApi.timestampAuthority(),
          Promise.all(selected.map((i) => evidenceApi.custody(i.item.id))),
        ]);
        const me = session.me;
        const built = await buildEvidencePackage({
          organisationName: me?.organisation.name ?? '',
          caseReference: caseInfo.reference,
          caseTitle: caseInfo.title,
          locale: language,
          createdBy:
            (me ? openText(org, me.member.displayNameSealed) : null) ?? t('evidence.someone'),
          createdAt,
          tsaCaPem: authority.caCertificatesPem,
          fonts,
          includeDescriptions: descriptions,
          items: selected.map(({ item, meta }, n) => ({
            id: item.id,
            kind: item.kind,
            meta,
            collectedAt: item.collectedAt,
            collectedBy: item.collectedByName,
            timestamps: item.timestamps.map((s) => ({
              token: fromB64(s.token),
              genTime: s.genTime,
              tsaUrl: s.tsaUrl,
              serialNumber: s.serialNumber,
            })),
            custody: custody[n]?.entries ?? [],
            openFile: (info) => exportedFile(item, info, org),
          })),
        });
        let written = 0;
        const reader = built.stream.getReader();
        for (;;) {
          const { done: finished, value } = await reader.read();
          if (finished) break;
          await sink.write(value);
          written += value.length;
          setProgress(total > 0 ? Math.min(99, Math.floor((written / total) * 100)) : 0);
        }
        await built.done;
        await sink.close();
        await evidenceApi.recordExport({
          caseId: caseInfo.id,
          itemIds: selected.map((i) => i.item.id),
          packageManifestSha256: built.manifestSha256,
        });
        setDone({ name: fileName, digest: built.manifestSha256 });
      } catch (caught) {
        await sink.abort().catch(() => undefined);
        throw caught;
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  return (
    <form
      className="evidence-form"
      aria-labelledby="evidence-export-heading"
      noValidate
      onSubmit={(e) => void build(e)}
    >
      <h3 id="evidence-export-heading">{t('evidence.export.title')}</h3>
      <p className="hint">{t('evidence.export.hint')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('evidence.export.none')}</p>
      ) : (
        <fieldset className="form-plain" disabled={busy}>
          <legend>{t('evidence.export.items')}</legend>
          <ul className="evidence-export-items">
            {items.map(({ item, meta }) => (
              <li key={item.id}>
                <CheckboxField
                  label={
                    meta
                      ? itemTitle(meta, t)
                      : `${itemTitle(null, t)} (${t('evidence.export.unreadable')})`
                  }
                  checked={meta !== null && !excluded.has(item.id)}
                  disabled={meta === null}
                  onChange={(e) => toggle(item.id, e.target.checked)}
                  data-testid="export-item"
                />
              </li>
            ))}
          </ul>
          {fieldError ? <p className="field-error">{fieldError}</p> : null}
          <SelectField
            label={t('evidence.export.language')}
            value={language}
            onChange={(e) => {
              const value = LOCALES.find((l) => l === e.target.value);
              if (value) setLanguage(value);
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            label={t('evidence.export.includeDescriptions')}
            hint={t('evidence.export.includeDescriptionsHint')}
            checked={descriptions}
            onChange={(e) => setDescriptions(e.target.checked)}
          />
        </fieldset>
      )}
      {busy ? <Busy>{t('evidence.export.working', { percent: progress })}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {done ? (
        <Alert kind="success">
          <span data-testid="export-done">{t('evidence.export.done', { name: done.name })}</span>{' '}
          <span className="evidence-url" data-testid="export-digest">
            {t('evidence.export.digest', { digest: done.digest })}
          </span>
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <div className="actions">
          <button type="submit" className="button secondary" disabled={busy}>
            {t('evidence.export.button')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** `evidence-C-7KQ3-2026-11-24.zip`: the reference and the date, never a name or a title. */
function packageFileName(reference: string, createdAt: Date): string {
  const ref = reference
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `evidence-${ref || 'package'}-${createdAt.toISOString().slice(0, 10)}.zip`;
}
