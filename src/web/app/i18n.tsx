// The chosen language: remembered in localStorage before sign-in and on the server
// (PATCH /api/me) after; <html lang> always follows it.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Locale } from '../../common/api/accounts.ts';
import {
  formatDate,
  formatDateTime,
  isLocale,
  pickLocale,
  translate,
  type TranslationKey,
  type TranslationParams,
} from '../../common/i18n/index.ts';

const STORAGE_KEY = 'qorgan.locale';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: TranslationKey, params?: TranslationParams): string;
  dateTime(value: string | Date): string;
  date(value: string | Date): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (private mode, policy); the browser language still works.
  }
  return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See initialLocale.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      dateTime: (value) => formatDateTime(locale, value),
      date: (value) => formatDate(locale, value),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
