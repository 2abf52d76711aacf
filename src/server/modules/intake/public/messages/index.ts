// The public pages' catalogue: typed keys, ru / kk / en, `{placeholder}` interpolation.
// Kept apart from the staff app's catalogue (src/common/i18n) because these strings are
// only ever rendered on the server and never ship to a browser bundle.
import type { Locale } from '../../../../../common/api/accounts.ts';
import { en, type PublicMessageKey, type PublicMessages } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type { PublicMessageKey, PublicMessages } from './en.ts';

export const PUBLIC_CATALOGUES: Readonly<Record<Locale, PublicMessages>> = { ru, kk, en };

export type Translate = (key: PublicMessageKey, params?: Record<string, string | number>) => string;

/** A translator bound to one language; an unknown placeholder is left as written. */
export function translatorFor(locale: Locale): Translate {
  const catalogue = PUBLIC_CATALOGUES[locale];
  return (key, params) => {
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}
