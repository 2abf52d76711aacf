// The case-file PDF, read back with a PDF text extractor: Kazakh and Russian come out
// letter for letter, the timeline is in date order, pages are numbered "N of M", nothing
// is lost or clipped where a page breaks, dates keep their precision, and the metadata
// names the case by its reference only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, extractTextItems, getMeta } from 'unpdf';
import type { Locale } from '../../src/common/api/accounts.ts';
import { renderCaseFilePdf, type CaseFileModelInput } from '../../src/common/pdf/case-file.ts';
import { formatPartialDate } from '../../src/common/pdf/dates.ts';
import { A4, MARGIN, Measurer, wrap } from '../../src/common/pdf/layout.ts';
import { pdfMessage } from '../../src/common/pdf/messages.ts';
import {
  KAZAKH_NARRATIVE,
  KAZAKH_WORDS,
  LONG_WORD,
  RUSSIAN_NARRATIVE,
  loadFonts,
  numberedLines,
  sampleModel,
} from './fixtures.ts';

const GENERATED_AT = new Date('2026-05-02T10:30:00Z');
let fonts: { regular: Uint8Array; bold: Uint8Array };

before(async () => {
  fonts = await loadFonts();
});

function render(model: CaseFileModelInput, locale: Locale): Promise<Uint8Array> {
  return renderCaseFilePdf({
    model,
    locale,
    fonts,
    generatedAt: GENERATED_AT,
    timeZone: 'Asia/Almaty',
  });
}

// pdf.js hands the buffer to its worker and detaches it: give it a copy each time.
const copy = (pdf: Uint8Array) => new Uint8Array(pdf);

async function pagesOf(pdf: Uint8Array): Promise<string[]> {
  return (await extractText(copy(pdf), { mergePages: false })).text;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The text of all pages without what repeats on every page (footer, continued table
 * header), so a paragraph broken across pages reads as one.
 */
function bodyText(pages: string[], locale: Locale, reference: string): string {
  const t = (key: Parameters<typeof pdfMessage>[1], params?: Record<string, number>) =>
    squash(pdfMessage(locale, key, params));
  return pages
    .map((page, i) =>
      squash(page)
        .replace(`${reference} — ${t('confidentialShort')}`, ' ')
        .replace(t('page', { n: i + 1, m: pages.length }), ' ')
        .replace(`${t('timeline')} ${t('continued')} ${t('date')} ${t('event')}`, ' '),
    )
    .map(squash)
    .join(' ');
}

describe('a long case in each language', () => {
  const rendered = new Map<Locale, { pdf: Uint8Array; pages: string[] }>();

  before(async () => {
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const pdf = await render(sampleModel(), locale);
      rendered.set(locale, { pdf, pages: await pagesOf(pdf) });
    }
  });
  after(() => rendered.clear());

  for (const locale of ['kk', 'ru', 'en'] as const) {
    const get = () => {
      const value = rendered.get(locale);
      assert.ok(value);
      return value;
    };

    test(`${locale}: several pages, each numbered "N of M" in the language`, () => {
      const { pages } = get();
      assert.ok(pages.length > 1, `only ${pages.length} page(s)`);
      pages.forEach((page, i) => {
        const label = pdfMessage(locale, 'page', { n: i + 1, m: pages.length });
        assert.ok(squash(page).includes(label), `page ${i + 1} lacks "${label}"`);
      });
    });

    test(`${locale}: Kazakh and Russian letters come out exactly`, () => {
      const words = new Set(squash(get().pages.join(' ')).split(/[\s.,:;«»()—]+/));
      for (const word of KAZAKH_WORDS) assert.ok(words.has(word), `"${word}" missing`);
      for (const word of ['удерживали', 'регистрировать', 'заявление', 'Қожахметов'])
        assert.ok(words.has(word), `"${word}" missing`);
    });

    test(`${locale}: every timeline entry appears once, in date order, undated last`, () => {
      const text = bodyText(get().pages, locale, 'C-7KQ3');
      const positions = [0, 1, 2, 3, 4, 5].map((n) => {
        const at = text.indexOf(`ТИМЕЛАЙН-${n} `);
        assert.notEqual(at, -1, `timeline entry ${n} missing`);
        assert.equal(text.indexOf(`ТИМЕЛАЙН-${n} `, at + 1), -1, `timeline entry ${n} twice`);
        return at;
      });
      assert.deepEqual(
        positions,
        [...positions].sort((a, b) => a - b),
      );
    });

    test(`${locale}: no line is lost or repeated where pages break`, () => {
      const text = bodyText(get().pages, locale, 'C-7KQ3');
      const narrative = squash(KAZAKH_NARRATIVE);
      for (const line of numberedLines('ЖОЛ-', 160)) {
        assert.ok(text.includes(`${line} ${narrative}`), `"${line}" and its text incomplete`);
        assert.equal(text.split(`${line} `).length, 2, `"${line}" not exactly once`);
      }
      for (const line of numberedLines('СТРОКА-', 60))
        assert.ok(text.includes(`${line} ${squash(RUSSIAN_NARRATIVE)}`), `"${line}" incomplete`);
      const rows = numberedLines('ҚАТАР-', 80);
      assert.ok(text.includes(rows.join(' ')), 'the numbered timeline rows are not all in order');
      // The 30 repetitions of a paragraph inside one timeline entry, all of them.
      assert.ok(text.includes(Array(30).fill(narrative).join(' ')));
    });

    test(`${locale}: a word wider than the page is broken, not cut off`, () => {
      const joined = get().pages.join('').replace(/\s+/g, '');
      assert.ok(joined.includes(LONG_WORD));
    });

    test(`${locale}: every line lies inside the page's margins`, async () => {
      const { items, totalPages } = await extractTextItems(copy(get().pdf));
      assert.equal(items.length, totalPages);
      const [width, height] = A4;
      let checked = 0;
      for (const [p, page] of items.entries()) {
        for (const item of page) {
          if (item.str.trim() === '') continue;
          checked++;
          const where = `page ${p + 1}: "${item.str.slice(0, 30)}"`;
          assert.ok(item.x >= MARGIN.left - 0.5, `${where} starts left of the margin`);
          assert.ok(item.x + item.width <= width - MARGIN.right + 0.5, `${where} overflows right`);
          assert.ok(item.y + item.fontSize <= height - MARGIN.top + 0.5, `${where} above the top`);
          const isFooter = item.y < MARGIN.bottom / 2 + 1;
          if (!isFooter) assert.ok(item.y >= MARGIN.bottom, `${where} runs into the footer`);
        }
      }
      assert.ok(checked > 500);
    });

    test(`${locale}: metadata carry the reference only, produced by Qorgan`, async () => {
      const { info } = await getMeta(copy(get().pdf));
      assert.equal(info.Title, 'C-7KQ3');
      assert.equal(info.Producer, 'Qorgan');
      assert.equal(info.Creator, 'Qorgan');
      const everything = JSON.stringify(info);
      for (const secret of ['Қожахметов', 'Сәуле', 'Айгүл', 'ағасын'])
        assert.ok(!everything.includes(secret), `metadata hold "${secret}"`);
    });
  }

  test('the title block is in the chosen language, with the generation time', () => {
    const kk = squash(rendered.get('kk')?.pages[0] ?? '');
    assert.ok(kk.startsWith('Іс материалдары C-7KQ3 Айгүлдің ағасын босату'));
    assert.ok(kk.includes('Мәртебесі: Шұғыл'));
    assert.ok(kk.includes('Жасалған уақыты: 2026 ж. 2 мамыр, 15:30'), kk.slice(0, 900));
    assert.ok(kk.includes('Құпия — Сәуле Нұрланқызы шифрын ашқан қорғалған деректер бар'));
    assert.ok(kk.includes('Қолжетімділігі шектеулі іс'));
    const en = squash(rendered.get('en')?.pages[0] ?? '');
    assert.ok(en.includes('Generated on: 2 May 2026 at 15:30'), en.slice(0, 900));
    assert.ok(en.includes('Confidential — contains sealed data decrypted by Сәуле Нұрланқызы'));
    assert.ok(en.includes('Real names are included in this file.'));
  });

  test('timeline dates keep their precision: a year, a month, a day', () => {
    const en = bodyText(rendered.get('en')?.pages ?? [], 'en', 'C-7KQ3');
    assert.ok(en.includes('2025 Note ТИМЕЛАЙН-0'));
    assert.ok(en.includes('March 2026 Incident ТИМЕЛАЙН-1'));
    assert.ok(en.includes('2 April 2026 Intervention ТИМЕЛАЙН-2'));
    assert.ok(en.includes('date unknown Evidence ТИМЕЛАЙН-5'));
    const ru = bodyText(rendered.get('ru')?.pages ?? [], 'ru', 'C-7KQ3');
    assert.ok(ru.includes('март 2026 г. Инцидент ТИМЕЛАЙН-1'));
    assert.ok(ru.includes('9 апреля 2026 г. Ответ органа ТИМЕЛАЙН-3'));
    const kk = bodyText(rendered.get('kk')?.pages ?? [], 'kk', 'C-7KQ3');
    assert.ok(kk.includes('2026 ж. наурыз Инцидент ТИМЕЛАЙН-1'));
  });
});

describe('names', () => {
  test('real names are printed only when the member chose to include them', async () => {
    const withNames = squash(
      (await pagesOf(await render(sampleModel({ lines: 3 }), 'ru'))).join(' '),
    );
    assert.ok(withNames.includes('P-A1B2 — Ерұлан Қожахметов'));
    assert.ok(withNames.includes('В документ включены настоящие имена.'));

    const model = { ...sampleModel({ lines: 3 }), namesIncluded: false };
    const without = squash((await pagesOf(await render(model, 'ru'))).join(' '));
    assert.ok(!without.includes('Ерұлан'));
    assert.ok(!without.includes('Бақытжан'));
    assert.ok(without.includes('P-A1B2'));
    assert.ok(without.includes('Роли: Жәбірленуші'));
    assert.ok(without.includes('Связи: ұлы P-C3D4'));
    assert.ok(without.includes('Люди указаны только под кодовыми именами.'));
  });
});

describe('small and bad input', () => {
  test('an almost empty case renders on one page, saying each section has nothing', async () => {
    const pdf = await render(
      {
        case: { reference: 'C-0000', title: 'Бос іс', status: { code: 'open', label: 'Ашық' } },
        decryptedBy: 'Әсел',
      },
      'kk',
    );
    const pages = await pagesOf(pdf);
    assert.equal(pages.length, 1);
    const text = squash(pages[0] ?? '');
    assert.equal(text.split('Жазба жоқ.').length - 1, 6);
    assert.ok(text.includes('1-бет, барлығы 1'));
  });

  test('control characters and tabs in decrypted text are dropped, not drawn', async () => {
    const model = sampleModel({ lines: 1 });
    model.timeline = [
      { date: '2026-01-01', kind: 'note', title: 'бір\u0000екі\tүш', detail: 'a\r\nb\u0007c' },
    ];
    const text = squash((await pagesOf(await render(model, 'en'))).join(' '));
    assert.ok(text.includes('бірекі үш'));
    assert.ok(text.includes('a bc'));
  });

  test('an invalid model is refused before anything is drawn', async () => {
    const model = sampleModel({ lines: 1 });
    await assert.rejects(
      render({ ...model, timeline: [{ date: '2026-13-01', kind: 'note', title: 'x' }] }, 'en'),
      /YYYY-MM-DD|calendar date/,
    );
    await assert.rejects(
      render(
        { ...model, timeline: [{ date: null, kind: 'phone_call' as 'note', title: 'x' }] },
        'en',
      ),
      /kind/,
    );
  });
});

describe('dates and wrapping', () => {
  test('a date is shown to its precision and never moves to the day before', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      assert.equal(formatPartialDate('en', '2026-01-01', 'day'), '1 January 2026');
      assert.equal(formatPartialDate('en', '2026-03-31', 'month'), 'March 2026');
      assert.equal(formatPartialDate('en', '2026-01-01', 'year'), '2026');
      assert.equal(formatPartialDate('ru', '2026-03-01', 'month'), 'март 2026 г.');
      assert.equal(formatPartialDate('kk', '2026-03-01', 'unknown'), 'күні белгісіз');
      assert.equal(formatPartialDate('ru', null), 'дата неизвестна');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  test('wrapped lines fit the width as measured with the embedded font, and keep every word', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const embedded = {
      regular: await doc.embedFont(fonts.regular, { subset: true }),
      bold: await doc.embedFont(fonts.bold, { subset: true }),
    };
    const measure = new Measurer();
    const text = `${KAZAKH_NARRATIVE.repeat(5)}\n\nЕкінші абзац ${LONG_WORD}`;
    const lines = wrap([{ text: 'Белгі: ', bold: true }, { text }], embedded, 10, 200, measure);
    for (const line of lines) {
      const width = line.runs.reduce((sum, run) => sum + measure.width(run.text, run.font, 10), 0);
      assert.ok(width <= 200 + 0.01, `"${line.runs.map((r) => r.text).join('')}" is ${width} wide`);
    }
    const flat = lines.map((line) => line.runs.map((r) => r.text).join(''));
    assert.ok(flat.includes(''), 'the blank line between paragraphs is kept');
    assert.equal(flat.join(' ').replace(/\s+/g, ''), `Белгі: ${text}`.replace(/\s+/g, ''));
    assert.ok(flat[0]?.startsWith('Белгі: Әкесі'));
  });
});
