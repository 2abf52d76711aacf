// The cases screens of the staff app, Kazakh.
import type { FeatureMessages } from '../feature.ts';
import type { casesEn } from './en.ts';

export const casesKk: FeatureMessages<typeof casesEn> = {
  'nav.cases': 'Істер',
};
