// Negation words per language; see Negation in types.ts for how the combiner uses them.
import type { Negation } from './types.ts';

export const NEGATIONS: readonly Negation[] = [
  {
    id: 'ru.counter.negated',
    before: ['не', 'ни', 'нельзя', 'никогда', 'никто', 'незачем'],
    after: [],
  },
  {
    id: 'kk.counter.negated',
    before: ['ешкім', 'ешқашан', 'ешкімді'],
    after: ['емес', 'емеспін', 'емеспіз', 'емессің', 'емессіз'],
  },
  {
    id: 'kk-latn.counter.negated',
    before: ['eshkim', 'eshqashan', 'eshkimdi'],
    after: ['emes', 'emespin', 'emespiz', 'emessin', 'emessiz'],
  },
  {
    id: 'en.counter.negated',
    before: [
      'not',
      'never',
      "don't",
      'dont',
      "doesn't",
      'doesnt',
      "isn't",
      'isnt',
      "aren't",
      'arent',
      "won't",
      'wont',
      "shouldn't",
      'shouldnt',
      "can't",
      'cant',
      'cannot',
      "didn't",
      'didnt',
      'nobody',
      'noone',
    ],
    after: [],
  },
];
