// The conversation with the reporter. A reply is sealed here twice, to the organisation
// and to the reporter's key (derived from their codename), so the server stores nothing it
// can read; the reporter sees it only when they come back with the codename.
import { useState, type FormEvent } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { LIMITS } from '../../../common/intake/report.ts';
import { api, type ReportDetail } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { errorText } from '../../lib/errors.ts';
import { assigneeLabel } from './assignee.ts';
import { sealReply, type OpenedMessage } from './decrypt.ts';
import type { Assignees } from './members.ts';

export function MessagesSection({
  detail,
  messages,
  assignees,
  org,
  canReply,
  onSent,
}: {
  detail: ReportDetail;
  messages: OpenedMessage[];
  assignees: Assignees;
  org: BoxKeyPair;
  canReply: boolean;
  onSent(): Promise<void>;
}) {
  const { t, dateTime } = useI18n();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const language = LANGUAGE_NAMES[detail.report.locale];

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setError(null);
    const body = text.trim();
    if (body === '') {
      setFieldError(t('reports.reply.required'));
      return;
    }
    if (body.length > LIMITS.messageChars) {
      setFieldError(t('validation.tooLong', { max: LIMITS.messageChars }));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await api.replyToReporter(
        detail.report.id,
        sealReply(body, org.publicKey, detail.reporterPublicKey),
      );
      setText('');
      setNotice(t('reports.reply.sent'));
      await onSent();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="messages-heading" className="section">
      <h2 id="messages-heading">{t('reports.messagesTitle', { count: messages.length })}</h2>
      {messages.length === 0 ? (
        <p className="muted">{t('reports.messagesNone')}</p>
      ) : (
        <ol className="thread">
          {messages.map(({ message, text: opened }) => (
            <li
              key={message.id}
              className={message.author === 'staff' ? 'message message-staff' : 'message'}
              data-testid="report-message"
            >
              <p className="message-head">
                <strong>
                  {message.author === 'reporter'
                    ? t('reports.message.reporter')
                    : assigneeLabel(message.authorMemberId, assignees, t)}
                </strong>{' '}
                <span className="muted">{dateTime(message.createdAt)}</span>
              </p>
              {opened.ok ? (
                <p className="written-text">{opened.value}</p>
              ) : (
                <p className="field-error">{t('reports.message.unreadable')}</p>
              )}
            </li>
          ))}
        </ol>
      )}

      {canReply ? (
        <form onSubmit={(e) => void send(e)} noValidate className="form reply-form">
          <h3>{t('reports.reply.title')}</h3>
          <Alert kind="info">
            <p>{t('reports.reply.howReporterReads')}</p>
            <p>{t('reports.reply.language', { language })}</p>
          </Alert>
          <TextAreaField
            label={t('reports.reply.label')}
            name="reply"
            rows={6}
            value={text}
            maxLength={LIMITS.messageChars}
            error={fieldError}
            hint={t('reports.reply.hint', {
              used: text.length,
              max: LIMITS.messageChars,
            })}
            onChange={(e) => setText(e.target.value)}
          />
          {detail.report.status === 'new' ? (
            <p className="hint">{t('reports.reply.movesOn')}</p>
          ) : null}
          {error ? <Alert>{errorText(error, t)}</Alert> : null}
          {notice ? <Alert kind="success">{notice}</Alert> : null}
          {busy ? <Busy>{t('common.sending')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('reports.reply.submit')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
