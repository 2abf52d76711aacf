import { useId } from 'react';
import { LOCALES, type Locale } from '../../common/api/accounts.ts';
import { isLocale } from '../../common/i18n/index.ts';
import { api } from '../api/endpoints.ts';
import { useI18n } from '../app/i18n.tsx';
import { useSession } from '../app/session.tsx';

/** Each language named in itself, so a person who cannot read the current one finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  ru: 'Русский',
  kk: 'Қазақша',
  en: 'English',
};

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const session = useSession();
  const id = useId();
  const change = (value: string) => {
    if (!isLocale(value)) return;
    setLocale(value);
    if (session.status === 'signedIn') {
      // Remembered per member; if it fails the page still switches, only not for next time.
      api.updateMe(value).then(session.setMe, () => undefined);
    }
  };
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        data-testid="language-switch"
        onChange={(event) => change(event.target.value)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
