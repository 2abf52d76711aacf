// Small presentational pieces shared by every screen.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n.tsx';

/** The page's main heading; takes focus when the screen appears so screen readers announce it. */
export function Page({
  title,
  children,
  wide,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Qorgan`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Alert({
  kind = 'error',
  children,
}: {
  kind?: 'error' | 'info' | 'success' | 'warning';
  children: ReactNode;
}) {
  // Errors interrupt (role=alert); other notices are read when the reader gets there.
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="busy" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <code className="fingerprint" data-testid={testId}>
      {value}
    </code>
  );
}

/** A read-only value with a copy button (invitation links). */
export function CopyField({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId?: string;
  hint?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused; select the text so the person can copy it.
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          data-testid={testId}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p className="hint" role="status">
        {copied === 'yes' ? t('common.copied') : copied === 'no' ? t('common.copyManually') : ''}
      </p>
    </div>
  );
}

/**
 * A list meant to be written down or printed (recovery words, recovery codes). Printing
 * uses the print stylesheet, which hides everything but `.print-area`: no popup, no
 * new window, nothing leaves the page.
 */
export function PrintableList({
  heading,
  intro,
  items,
  testId,
  numbered,
}: {
  heading: string;
  intro?: ReactNode;
  items: string[];
  testId: string;
  numbered?: boolean;
}) {
  const { t } = useI18n();
  return (
    <section className="print-area" aria-labelledby={`${testId}-heading`}>
      <h2 id={`${testId}-heading`}>{heading}</h2>
      {intro}
      <ol className={numbered ? 'word-list numbered' : 'word-list'} data-testid={testId}>
        {items.map((item, index) => (
          <li key={index}>
            {numbered ? <span className="word-number">{index + 1}.</span> : null}
            <span className="word">{item}</span>
          </li>
        ))}
      </ol>
      <p className="no-print">
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </p>
    </section>
  );
}

/** A short id for display when a name cannot be decrypted. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
