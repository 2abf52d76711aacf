// The records screens of the staff app, Russian.
import type { FeatureMessages } from '../feature.ts';
import type { recordsEn } from './en.ts';

export const recordsRu: FeatureMessages<typeof recordsEn> = {
  'nav.records': 'Записи',
};
