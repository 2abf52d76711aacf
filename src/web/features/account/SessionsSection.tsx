import { useCallback, useEffect, useState } from 'react';
import { api, type SessionView } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';

export function SessionsSection() {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ending, setEnding] = useState<string | null>(null);

  const load = useCallback(() => {
    api.sessions().then(
      (result) => {
        setSessions(result.sessions);
        setError(null);
      },
      (caught: unknown) => setError(caught),
    );
  }, []);
  useEffect(load, [load]);

  const end = async (target: SessionView) => {
    setEnding(target.id);
    try {
      await api.endSession(target.id);
      if (target.current) {
        await session.signOut('sessionEnded');
        return;
      }
      load();
    } catch (caught) {
      setError(caught);
    } finally {
      setEnding(null);
    }
  };

  return (
    <section aria-labelledby="sessions-heading" className="section">
      <h2 id="sessions-heading">{t('sessions.title')}</h2>
      <p>{t('sessions.intro')}</p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!sessions ? (
        <Busy>{t('common.loading')}</Busy>
      ) : (
        <ul className="cards">
          {sessions.map((s) => (
            <li key={s.id} className="card">
              <p className="card-title">
                {s.device || t('sessions.unknownDevice')}
                {s.current ? <span className="badge badge-on">{t('sessions.current')}</span> : null}
              </p>
              <dl className="facts">
                <div>
                  <dt>{t('sessions.started')}</dt>
                  <dd>{dateTime(s.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t('sessions.lastSeen')}</dt>
                  <dd>{dateTime(s.lastSeenAt)}</dd>
                </div>
              </dl>
              <button
                type="button"
                className="button secondary"
                disabled={ending !== null}
                aria-label={
                  s.current
                    ? t('sessions.endCurrentLabel')
                    : t('sessions.endLabel', {
                        device: s.device || t('sessions.unknownDevice'),
                        date: dateTime(s.createdAt),
                      })
                }
                onClick={() => void end(s)}
              >
                {s.current ? t('sessions.endCurrent') : t('sessions.end')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
