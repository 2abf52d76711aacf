// A synthetic, invented case for the PDF tests: long Kazakh and Russian narratives, many
// numbered lines, and dates of every precision, given out of order.
import { readFile } from 'node:fs/promises';
import type { CaseFileModelInput } from '../../src/common/pdf/case-file.ts';

const FONT_DIR = new URL('../../node_modules/dejavu-fonts-ttf/ttf/', import.meta.url);

export async function loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const [regular, bold] = await Promise.all([
    readFile(new URL('DejaVuSans.ttf', FONT_DIR)),
    readFile(new URL('DejaVuSans-Bold.ttf', FONT_DIR)),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

/** Kazakh words that use every Kazakh-specific letter: ә ғ қ ң ө ұ ү һ і. */
export const KAZAKH_WORDS = [
  'әкесі',
  'ағасы',
  'қамауда',
  'Жаңа',
  'өтініш',
  'ұстады',
  'үйінде',
  'һәм',
  'Інісі',
];

export const KAZAKH_NARRATIVE =
  'Әкесі мен ағасы оны үйінде қамауда ұстады, телефонын алып қойды. Жаңа өтініш полицияға ' +
  'берілді, бірақ тіркелмеді. Інісі көршілерге айтты һәм олар куә болуға келісті. ';

export const RUSSIAN_NARRATIVE =
  'Отец и старший брат удерживали его дома, забрали телефон и документы. Участковый отказался ' +
  'регистрировать заявление, сославшись на «семейное дело». ';

/** Numbered lines, each unique, to prove nothing is lost where a page breaks. */
export function numberedLines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

/** A link with no space to break at, wider than the page. */
export const LONG_WORD = `https://example.org/video/${'қ0'.repeat(90)}end`;

const coded = (code: string, label: string) => ({ code, label });

export function sampleModel(options: { lines?: number } = {}): CaseFileModelInput {
  const lines = numberedLines('ЖОЛ-', options.lines ?? 160);
  return {
    case: {
      reference: 'C-7KQ3',
      title: 'Айгүлдің ағасын босату',
      goal: KAZAKH_NARRATIVE.repeat(3),
      status: coded('urgent', 'Шұғыл'),
      restricted: true,
    },
    decryptedBy: 'Сәуле Нұрланқызы',
    namesIncluded: true,
    people: [
      {
        codeName: 'P-A1B2',
        realName: 'Ерұлан Қожахметов',
        roles: [coded('victim', 'Жәбірленуші')],
        relations: [{ relation: coded('son_of', 'ұлы'), otherCodeName: 'P-C3D4' }],
      },
      {
        codeName: 'P-C3D4',
        realName: 'Бақытжан Қожахметов',
        roles: [coded('perpetrator', 'Құқық бұзушы')],
        perpetratorType: coded('family_father', 'Әкесі'),
        relations: [{ relation: coded('father_of', 'әкесі'), otherCodeName: 'P-A1B2' }],
      },
    ],
    incidents: [
      {
        reference: 'I-4F7Q',
        date: { date: '2026-03-14', precision: 'month' },
        places: [coded('almaty_city', 'Алматы')],
        types: [coded('confinement', 'Отбасының еркінен айыруы')],
        odihrCategory: coded('violent_attack', 'Күш қолдану'),
        violationStatus: coded('likely', 'Ықтимал'),
        title: 'Үйде ұстау',
        description: lines.map((l) => `${l} ${KAZAKH_NARRATIVE}`).join('\n'),
        acts: ['Еркінен айыру: әкесі, ағасы'],
      },
    ],
    interventions: [
      {
        type: coded('police_complaint', 'Полицияға шағым'),
        intervener: coded('lawyer', 'Заңгер'),
        submittedOn: '2026-04-02',
        responseOn: '2026-04-09',
        authorityResponse: coded('refused_to_register', 'Тіркеуден бас тартты'),
        status: coded('responded', 'Жауап берілді'),
        title: 'Шағым',
        notes: numberedLines('СТРОКА-', 60)
          .map((l) => `${l} ${RUSSIAN_NARRATIVE}`)
          .join('\n'),
      },
    ],
    tasks: [
      { title: 'Прокуратураға шағым жазу', due: '2026-05-01', status: coded('open', 'Ашық') },
    ],
    contacts: [
      { date: '2026-04-20', channel: coded('phone', 'Телефон'), note: 'Сау, бірақ қорқады.' },
    ],
    timeline: [
      {
        date: '2026-04-09',
        kind: 'authority_response',
        title: 'ТИМЕЛАЙН-3 Тіркеуден бас тартты',
        detail: RUSSIAN_NARRATIVE.repeat(20),
      },
      {
        date: '2026-03-01',
        precision: 'month',
        kind: 'incident',
        title: 'ТИМЕЛАЙН-1 Үйде ұстау',
        detail: KAZAKH_NARRATIVE.repeat(30),
      },
      {
        date: '2025-01-01',
        precision: 'year',
        kind: 'note',
        title: 'ТИМЕЛАЙН-0 Бұрынғы қысым',
        detail: '',
      },
      {
        date: '2026-04-02',
        kind: 'intervention',
        title: 'ТИМЕЛАЙН-2 Полицияға шағым',
        detail: numberedLines('ҚАТАР-', 80).join('\n'),
      },
      {
        date: null,
        precision: 'unknown',
        kind: 'evidence',
        title: 'ТИМЕЛАЙН-5 Бейне',
        detail: `Сілтеме: ${LONG_WORD}`,
      },
      { date: '2026-05-01', kind: 'task', title: 'ТИМЕЛАЙН-4 Прокуратураға шағым', detail: '' },
    ],
  };
}
