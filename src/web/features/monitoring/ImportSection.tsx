// Importing comments into an item from the web: pasted text (one comment per line) or a
// file up to 10 MB with its format. For a CSV file the preview route reads the file's
// beginning first (encoding, delimiter, header, first rows) and the member says which
// column holds the text, the author, the date, the URL and the comment's id. The answer
// is shown whole: imported, duplicates, and each problem with its line and reason.
import { useEffect, useState, type FormEvent } from 'react';
import { IMPORT_MAX_BYTES, PREVIEW_MAX_BYTES } from '../../../common/api/monitoring.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { monitoringApi, type CsvColumns, type CsvPreview, type ImportResult } from './api.ts';
import { problemText } from './shared.tsx';

const FILE_FORMATS = ['csv', 'jsonl', 'telegram', 'text'] as const;
type FileFormat = (typeof FILE_FORMATS)[number];
const ROLES = ['text', 'author', 'postedAt', 'url', 'sourceId'] as const;
type Role = (typeof ROLES)[number];
type Mapping = Record<Role, string>;
const NO_MAPPING: Mapping = { text: '', author: '', postedAt: '', url: '', sourceId: '' };

/** A first guess of which header holds what; the member changes it if it is wrong. */
const GUESSES: Record<Role, RegExp> = {
  text: /^(text|message|comment|body|content|текст|сообщение|комментарий|мәтін|пікір)$/i,
  author: /^(author|user|username|from|name|автор|пользователь|имя|авторы)$/i,
  postedAt: /^(date|time|created_at|posted_at|timestamp|дата|время|күні|уақыты)$/i,
  url: /^(url|link|ссылка|сілтеме)$/i,
  sourceId: /^(id|comment_id|message_id|номер)$/i,
};

function guessMapping(header: string[]): Mapping {
  const mapping = { ...NO_MAPPING };
  for (const role of ROLES) {
    const found = header.find((h) => GUESSES[role].test(h.trim()));
    if (found) mapping[role] = found;
  }
  return mapping;
}

export function ImportSection({ itemId, onImported }: { itemId: string; onImported: () => void }) {
  const { t } = useI18n();
  const [source, setSource] = useState<'paste' | 'file'>('paste');
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FileFormat>('csv');
  const [previewed, setPreviewed] = useState<{ file: File; preview: CsvPreview } | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [mapping, setMapping] = useState<Mapping>(NO_MAPPING);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const csvFile = source === 'file' && format === 'csv' ? file : null;
  const preview = csvFile && previewed?.file === csvFile ? previewed.preview : null;
  useEffect(() => {
    if (!csvFile) return;
    let live = true;
    monitoringApi
      .previewCsv(csvFile.slice(0, PREVIEW_MAX_BYTES), csvFile.size <= PREVIEW_MAX_BYTES)
      .then(
        (answer) => {
          if (!live) return;
          setPreviewed({ file: csvFile, preview: answer });
          setHasHeader(true);
          setMapping(guessMapping(answer.header));
          setError(null);
        },
        (caught: unknown) => {
          if (live) setError(caught);
        },
      );
    return () => {
      live = false;
    };
  }, [csvFile]);

  const columnChoices = preview
    ? preview.header.map((name, index) =>
        hasHeader
          ? { value: name, label: name || t('monitoring.import.columnNumber', { n: index + 1 }) }
          : {
              value: String(index + 1),
              label: `${t('monitoring.import.columnNumber', { n: index + 1 })}: ${name}`,
            },
      )
    : [];

  const changeHeader = (next: boolean) => {
    setHasHeader(next);
    // Column names and column numbers do not carry over: map again.
    setMapping(next && preview ? guessMapping(preview.header) : NO_MAPPING);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setError(null);
    let body: Blob;
    let chosenFormat: FileFormat;
    let columns: CsvColumns | undefined;
    if (source === 'paste') {
      if (pasted.trim() === '') return setInvalid(t('monitoring.import.pasteEmpty'));
      body = new Blob([pasted], { type: 'text/plain' });
      chosenFormat = 'text';
    } else {
      if (!file) return setInvalid(t('monitoring.import.fileMissing'));
      if (file.size > IMPORT_MAX_BYTES) return setInvalid(t('monitoring.import.tooLarge'));
      body = file;
      chosenFormat = format;
      if (format === 'csv') {
        if (!mapping.text) return setInvalid(t('monitoring.import.textRequired'));
        columns = {
          textColumn: mapping.text,
          header: hasHeader ? 'true' : 'false',
          ...(preview && { delimiter: preview.delimiter }),
          ...(mapping.author && { authorColumn: mapping.author }),
          ...(mapping.postedAt && { postedAtColumn: mapping.postedAt }),
          ...(mapping.url && { urlColumn: mapping.url }),
          ...(mapping.sourceId && { sourceIdColumn: mapping.sourceId }),
        };
      }
    }
    setInvalid(null);
    setBusy(true);
    try {
      const answer = await monitoringApi.importFile(itemId, chosenFormat, body, columns);
      setResult(answer);
      if (source === 'paste') setPasted('');
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="monitoring-import" className="monitoring-section">
      <h2 id="monitoring-import">{t('monitoring.import.title')}</h2>
      <form
        className="monitoring-form"
        aria-labelledby="monitoring-import"
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        <fieldset className="monitoring-choice">
          <legend>{t('monitoring.import.source')}</legend>
          {(['paste', 'file'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="import-source"
                value={value}
                checked={source === value}
                onChange={() => {
                  setSource(value);
                  setInvalid(null);
                }}
              />{' '}
              {t(value === 'paste' ? 'monitoring.import.paste' : 'monitoring.import.file')}
            </label>
          ))}
        </fieldset>

        {source === 'paste' ? (
          <TextAreaField
            label={t('monitoring.import.pasteLabel')}
            value={pasted}
            rows={6}
            onChange={(e) => setPasted(e.target.value)}
          />
        ) : (
          <>
            <SelectField
              label={t('monitoring.import.format')}
              value={format}
              onChange={(e) => setFormat(FILE_FORMATS.find((f) => f === e.target.value) ?? 'csv')}
            >
              {FILE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`monitoring.format.${f}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('monitoring.import.fileLabel')}
              type="file"
              accept={format === 'csv' ? '.csv,.tsv,.txt,text/csv' : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
              }}
            />
          </>
        )}

        {csvFile && preview ? (
          <CsvMappingStep
            preview={preview}
            hasHeader={hasHeader}
            onHeader={changeHeader}
            mapping={mapping}
            onMapping={setMapping}
            choices={columnChoices}
          />
        ) : csvFile && !error ? (
          <Busy>{t('common.loading')}</Busy>
        ) : null}

        {invalid ? <Alert>{invalid}</Alert> : null}
        {error ? <Alert>{errorText(error, t)}</Alert> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('monitoring.import.submit')}
          </button>
        </div>
        {busy ? <Busy>{t('monitoring.import.running')}</Busy> : null}
      </form>
      {result ? <ImportOutcome result={result} /> : null}
    </section>
  );
}

function CsvMappingStep({
  preview,
  hasHeader,
  onHeader,
  mapping,
  onMapping,
  choices,
}: {
  preview: CsvPreview;
  hasHeader: boolean;
  onHeader: (hasHeader: boolean) => void;
  mapping: Mapping;
  onMapping: (mapping: Mapping) => void;
  choices: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const rows = hasHeader ? preview.rows : [preview.header, ...preview.rows];
  return (
    <fieldset className="monitoring-mapping" data-testid="csv-mapping">
      <legend>{t('monitoring.import.mapping')}</legend>
      <p className="hint">
        {t('monitoring.import.detected', {
          encoding: preview.encoding,
          delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter,
        })}
      </p>
      <CheckboxField
        label={t('monitoring.import.hasHeader')}
        checked={hasHeader}
        onChange={(e) => onHeader(e.target.checked)}
      />
      {ROLES.map((role) => (
        <SelectField
          key={role}
          label={t(`monitoring.import.column.${role}`)}
          value={mapping[role]}
          onChange={(e) => onMapping({ ...mapping, [role]: e.target.value })}
        >
          <option value="">{t('monitoring.import.column.none')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
      ))}
      <div className="monitoring-preview">
        <table className="table">
          <caption>{t('monitoring.import.previewCaption')}</caption>
          {hasHeader ? (
            <thead>
              <tr>
                {preview.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.slice(0, 5).map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const hidden = result.problemCount - result.problems.length;
  return (
    <div className="monitoring-outcome" data-testid="import-result">
      <Alert kind={result.status === 'done' ? 'success' : 'warning'}>
        {t('monitoring.import.result', {
          imported: result.imported,
          duplicates: result.duplicates,
          problems: result.problemCount,
        })}
        {result.status === 'failed' ? ` ${t('monitoring.import.failed')}` : null}
      </Alert>
      {result.problems.length > 0 ? (
        <>
          <h3>{t('monitoring.import.problems')}</h3>
          <ul className="monitoring-problems" data-testid="import-problems">
            {result.problems.map((p, i) => (
              <li key={i} data-code={p.code}>
                <strong>{t('monitoring.import.problemLine', { line: p.line })}</strong>:{' '}
                {problemText(p.code, t)}
              </li>
            ))}
          </ul>
          {hidden > 0 ? <p>{t('monitoring.import.moreProblems', { count: hidden })}</p> : null}
        </>
      ) : null}
    </div>
  );
}
