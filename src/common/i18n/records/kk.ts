// The records screens of the staff app, Kazakh.
import type { FeatureMessages } from '../feature.ts';
import type { recordsEn } from './en.ts';

export const recordsKk: FeatureMessages<typeof recordsEn> = {
  'nav.records': 'Жазбалар',
};
