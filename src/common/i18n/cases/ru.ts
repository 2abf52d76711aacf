// The cases screens of the staff app, Russian.
import type { FeatureMessages } from '../feature.ts';
import type { casesEn } from './en.ts';

export const casesRu: FeatureMessages<typeof casesEn> = {
  'nav.cases': 'Дела',
};
