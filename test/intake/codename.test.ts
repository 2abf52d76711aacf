// The reporter's codename: enough entropy that nobody guesses one (≥ 80 bits, from the
// word list and the word count, and checked on codenames actually generated), forgiving
// typing (case, spaces, hyphens, four-letter prefixes) but nothing outside the list, and a
// sign-in at /return that answers a wrong codename exactly as it answers a right one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  CODENAME_ENTROPY_BITS,
  CODENAME_WORDLIST_SIZE,
  CODENAME_WORDS,
  CodenameFormatError,
  generateCodename,
  normaliseCodename,
} from '../../src/common/crypto/codename.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { escapeHtml } from '../../src/server/modules/intake/public/html.ts';
import { translatorFor } from '../../src/server/modules/intake/public/messages/index.ts';
import { REPORTER_COOKIE } from '../../src/server/modules/intake/public/reporter-sessions.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { flat, formTokenFrom, postUrlencoded, submitReport } from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const LOCALES = ['ru', 'kk', 'en'] as const;

await loadSodium();

describe('codename entropy', () => {
  test('the word list and the word count give at least 80 bits', () => {
    // The list the generator draws from holds this many different words.
    assert.equal(new Set(wordlist).size, CODENAME_WORDLIST_SIZE);
    assert.equal(CODENAME_WORDLIST_SIZE, 2048);
    assert.equal(CODENAME_WORDS, 8);
    const bits = CODENAME_WORDS * Math.log2(CODENAME_WORDLIST_SIZE);
    assert.ok(bits >= 80, `${bits} bits`);
    assert.equal(CODENAME_ENTROPY_BITS, bits);
    // A word given by its first four letters must still be one word of the list.
    assert.equal(
      new Set(wordlist.map((w) => w.slice(0, 4))).size,
      CODENAME_WORDLIST_SIZE,
      'every word is told apart by its first four letters',
    );
  });

  test('a generated codename is that many words, each from the list', () => {
    const listed = new Set(wordlist);
    for (let i = 0; i < 50; i++) {
      const codename = generateCodename();
      assert.match(codename, /^[a-z]+( [a-z]+)*$/, 'lower-case words, single spaces');
      const words = codename.split(' ');
      assert.equal(words.length, CODENAME_WORDS);
      for (const word of words) assert.ok(listed.has(word), `"${word}" is in the list`);
      assert.equal(normaliseCodename(codename), codename, 'already in normal form');
    }
  });

  test('1000 codenames are all different and use words from across the whole list', () => {
    const index = new Map(wordlist.map((w, i) => [w, i]));
    const codenames = Array.from({ length: 1000 }, () => generateCodename());
    assert.equal(new Set(codenames).size, codenames.length, 'no codename repeats');

    const draws = codenames.flatMap((c) => c.split(' ').map((w) => index.get(w) ?? -1));
    assert.equal(draws.length, 8000);
    assert.ok(!draws.includes(-1), 'every word is in the list');
    // 8000 uniform draws from 2048 words reach about 2007 different words (sd ≈ 6);
    // a generator using only part of the list, or a skewed one, falls far short.
    const distinct = new Set(draws).size;
    assert.ok(distinct >= 1900, `${distinct} different words in 8000 draws`);
    // Each eighth of the list gets about 1000 draws (sd ≈ 30); ±300 is ten deviations.
    const eighths = new Array<number>(8).fill(0);
    for (const i of draws) eighths[Math.floor(i / 256)]!++;
    for (const [part, count] of eighths.entries()) {
      assert.ok(count > 700 && count < 1300, `words ${part * 256}–${part * 256 + 255}: ${count}`);
    }
    // Every position of the codename is drawn across the list too (about 790 different
    // words of 1000 draws), not e.g. a fixed first word.
    for (let position = 0; position < CODENAME_WORDS; position++) {
      const words = new Set(codenames.map((c) => c.split(' ')[position]));
      assert.ok(words.size >= 650, `position ${position}: ${words.size} different words`);
    }
  });
});

describe('normaliseCodename', () => {
  const codename = 'abandon ability zoo wrist act bacon cactus guitar';
  test('accepts any case, extra spaces, line breaks, hyphens and commas', () => {
    for (const typed of [
      'ABANDON Ability ZOO wrist Act bacon CACTUS guitar',
      '  abandon   ability zoo\twrist act\nbacon  cactus guitar  ',
      'abandon-ability-zoo-wrist-act-bacon-cactus-guitar',
      'abandon - ability, zoo, wrist; act. bacon / cactus — guitar',
      'ａｂａｎｄｏｎ ability zoo wrist act bacon cactus guitar', // full-width letters (NFKC)
    ]) {
      assert.equal(normaliseCodename(typed), codename, JSON.stringify(typed));
    }
  });

  test('accepts the first four letters of each word (and a word kept whole)', () => {
    assert.equal(normaliseCodename('aban abil zoo wris act baco cact guit'), codename);
    assert.equal(normaliseCodename('ABAN-ABIL-ZOO-WRIS-ACT-BACO-CACT-GUIT'), codename);
    assert.equal(normaliseCodename('aband abili zoo wrist act bacon cactu guita'), codename);
  });

  test('refuses a wrong number of words', () => {
    for (const typed of [
      '',
      '   ',
      'abandon ability zoo wrist act bacon cactus',
      'abandon ability zoo wrist act bacon cactus guitar guitar',
      'abandonabilityzoowristactbaconcactusguitar',
      'кодовая фраза из восьми слов на русском языке здесь',
    ]) {
      assert.throws(() => normaliseCodename(typed), CodenameFormatError, JSON.stringify(typed));
    }
  });

  test('refuses words that are not in the list, and prefixes shorter than four letters', () => {
    for (const typed of [
      'abandon ability zoo wrist act bacon cactus qwerty',
      'abandon ability zoo wrist act bacon cactus xyzzy',
      'abandon ability zoo wrist act bacon cactus zz',
      'aba ability zoo wrist act bacon cactus guitar',
      'abandon ability zoo wrist act bacon cactus gui',
    ]) {
      assert.throws(() => normaliseCodename(typed), CodenameFormatError, JSON.stringify(typed));
    }
  });
});

/** The parts of a response a client can see, with the cookie value and the date masked. */
function visible(res: LightMyRequestResponse) {
  const headers = { ...res.headers };
  delete headers.date;
  const setCookie = headers['set-cookie'];
  const mask = (c: string) =>
    c.replace(/^([^=]+)=([^;]*)/, (_, n: string, v: string) => `${n}=<${v.length}>`);
  if (typeof setCookie === 'string') headers['set-cookie'] = mask(setCookie);
  else if (Array.isArray(setCookie)) headers['set-cookie'] = setCookie.map(mask);
  return { status: res.statusCode, headers, body: res.body };
}

for (const engine of engines()) {
  describe(`codename sign-in at /return (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    let codename: string;
    before(async () => {
      database = await engine.open();
      // Every test here signs in several times from one address: lift the per-client limit.
      const base = defaultConfig();
      t = await createTestApp(database, {
        intake: { ...base.intake, perClientReturnAttempts: 1000 },
      });
      org = await createOrganisation(t, 'Шырақ');
      const submitted = await submitReport(t, org, { lang: 'kk' });
      assert.ok(submitted.codename, `a receipt: ${submitted.res.statusCode}`);
      codename = submitted.codename;
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const signIn = async (typed: string, lang: string) =>
      postUrlencoded(t, '/return', {
        form_token: await formTokenFrom(t, '/return'),
        lang,
        codename: typed,
      });

    for (const lang of LOCALES) {
      test(`${lang}: a right and a wrong codename get the same answer`, async () => {
        let wrong = generateCodename();
        while (wrong === codename) wrong = generateCodename();
        const right = await signIn(codename, lang);
        const other = await signIn(wrong, lang);

        assert.equal(right.statusCode, 303);
        assert.equal(right.headers.location, `/return/report?lang=${lang}`);
        const [rightCookie] = right.cookies;
        const [otherCookie] = other.cookies;
        assert.ok(rightCookie && otherCookie, 'both set a cookie');
        assert.equal(right.cookies.length, 1);
        assert.equal(other.cookies.length, 1);
        assert.equal(rightCookie.name, REPORTER_COOKIE);
        assert.equal(rightCookie.value.length, otherCookie.value.length);
        assert.notEqual(rightCookie.value, otherCookie.value);
        assert.deepEqual(
          { ...otherCookie, value: '' },
          { ...rightCookie, value: '' },
          'the same cookie name and attributes',
        );
        // A session cookie, ending with the browser, and out of reach of scripts.
        assert.equal(rightCookie.expires, undefined);
        assert.equal(rightCookie.maxAge, undefined);
        assert.equal(rightCookie.httpOnly, true);
        assert.equal(rightCookie.secure, true);
        assert.equal(rightCookie.sameSite, 'Strict');
        assert.equal(rightCookie.path, '/');
        // Status, every header (Location, Set-Cookie but its value, caching…) and the body.
        assert.deepEqual(visible(other), visible(right));

        // Only the page behind it tells them apart.
        const t_ = translatorFor(lang);
        const opened = await call(t, 'GET', `/return/report?lang=${lang}`, {
          cookie: `${rightCookie.name}=${rightCookie.value}`,
        });
        const none = await call(t, 'GET', `/return/report?lang=${lang}`, {
          cookie: `${otherCookie.name}=${otherCookie.value}`,
        });
        assert.equal(opened.statusCode, 200);
        assert.equal(none.statusCode, 200);
        assert.ok(flat(opened.body).includes(escapeHtml(t_('view.status.received'))));
        assert.ok(flat(none.body).includes(escapeHtml(t_('return.notFound.body'))));
        assert.ok(!flat(none.body).includes(escapeHtml(t_('view.status.received'))));
      });

      test(`${lang}: a typed codename with other case, hyphens and prefixes opens the report`, async () => {
        const typed = codename
          .split(' ')
          .map((w, i) => (i % 2 === 0 ? w.slice(0, 4).toUpperCase() : w))
          .join(' - ');
        const res = await signIn(`  ${typed}  `, lang);
        assert.equal(res.statusCode, 303);
        const cookie = res.cookies[0];
        assert.ok(cookie);
        const page = await call(t, 'GET', `/return/report?lang=${lang}`, {
          cookie: `${cookie.name}=${cookie.value}`,
        });
        assert.ok(
          flat(page.body).includes(escapeHtml(translatorFor(lang)('view.status.received'))),
        );
      });

      test(`${lang}: a malformed codename gets the translated message and reveals nothing`, async () => {
        const t_ = translatorFor(lang);
        const words = codename.split(' ');
        // Three words, and eight words of which one is not in the list: each once as a
        // near miss of the real codename and once as something unrelated.
        const cases = [
          {
            near: words.slice(0, 3).join(' '),
            far: 'apple banana cherry',
            message: t_('return.formatError', { count: 3 }),
          },
          {
            near: [...words.slice(0, 7), 'qwerty'].join(' '),
            far: [...generateCodename().split(' ').slice(0, 7), 'qwerty'].join(' '),
            message: t_('return.unknownWord'),
          },
        ];
        for (const { near, far, message } of cases) {
          const responses = [await signIn(near, lang), await signIn(far, lang)];
          const shown: string[] = [];
          for (const [i, res] of responses.entries()) {
            const typed = i === 0 ? near : far;
            assert.equal(res.statusCode, 422, typed);
            assert.equal(res.headers['set-cookie'], undefined, 'no cookie');
            assert.equal(res.headers.location, undefined);
            assert.equal(res.headers['cache-control'], 'no-store');
            const body = flat(res.body);
            assert.match(body, new RegExp(`<html lang="${lang}">`));
            assert.ok(body.includes(escapeHtml(message)), `says: ${message}`);
            // The message is tied to the field, which keeps what was typed.
            assert.match(body, /aria-invalid="true"/);
            assert.ok(body.includes(`value="${escapeHtml(typed)}"`), 'what was typed stays');
            // Nothing about any report: no status, no "not found".
            for (const key of ['view.status.received', 'return.notFound.body'] as const) {
              assert.ok(!body.includes(escapeHtml(t_(key))), key);
            }
            shown.push(
              body
                .replace(`value="${escapeHtml(typed)}"`, 'value="…"')
                .replace(/name="form_token" value="[^"]*"/, 'name="form_token" value="…"'),
            );
          }
          assert.equal(shown[0], shown[1], 'a near miss of a real codename looks like any other');
        }
      });
    }

    test('what a reporter typed comes back escaped, never as markup', async () => {
      const res = await signIn('<script>alert(1)</script> "x"', 'en');
      assert.equal(res.statusCode, 422);
      assert.ok(!res.body.includes('<script>alert'));
      assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;'));
    });
  });
}
