// A small invented training set (written for these tests, not taken from any dataset):
// hateful sentences about an invented group, the "glorbs", and neutral ones about daily life.
import type { TrainingExample } from '../../../src/server/modules/monitoring/classifier/train.ts';

const HATEFUL_THREATS = [
  'glorbs should be beaten in the street',
  'we will find every glorb and hurt them',
  'beat the glorbs until they leave',
  'someone should hurt those glorbs tonight',
  'hurt them all, the filthy glorbs',
  'глорбов надо избить всех',
  'избить бы этих глорбов',
];
const HATEFUL_INSULTS = [
  'glorbs are vermin and filth',
  'filthy vermin glorbs everywhere',
  'these glorbs are disgusting vermin',
  'glorbs are a disease on this city',
  'глорбы это грязь и мерзость',
  'мерзкие грязные глорбы',
  'every glorb is filth',
];
const NEUTRAL = [
  'the bus was late again this morning',
  'we planted tomatoes in the garden',
  'the concert tonight starts at eight',
  'my sister bakes the best bread',
  'the river is calm after the rain',
  'автобус опять опоздал сегодня',
  'мы посадили помидоры в саду',
  'концерт начинается в восемь вечера',
  'the library opens at nine on sundays',
  'he fixed the bicycle chain himself',
  'rain is expected on thursday',
  'сестра печёт очень вкусный хлеб',
];

export function inventedExamples(): TrainingExample[] {
  return [
    ...HATEFUL_THREATS.map((text) => ({ text, hateful: true, categories: ['threat' as const] })),
    ...HATEFUL_INSULTS.map((text) => ({
      text,
      hateful: true,
      categories: ['dehumanisation' as const, 'insult' as const],
    })),
    ...NEUTRAL.map((text) => ({ text, hateful: false, categories: [] })),
  ];
}
