// The `qorgan monitor classify` contract, through the real command line: JSON lines in,
// one JSON line per input out, in order, streaming, without a server or a database.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { COMMENT_LANGUAGES, HATE_CATEGORIES } from '../../src/common/monitoring/vocabulary.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const NODE = `${ROOT}node_modules/.bin/node`;

function start(args: string[] = []) {
  const child = spawn(NODE, ['src/cli/main.ts', 'monitor', 'classify', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    stderr: () => stderr,
    next: async (): Promise<Record<string, unknown>> => {
      const { value, done } = await lines.next();
      assert.equal(done, false, 'expected another output line');
      return JSON.parse(value as string) as Record<string, unknown>;
    },
    rest: async (): Promise<Record<string, unknown>[]> => {
      const out: Record<string, unknown>[] = [];
      for (let r = await lines.next(); !r.done; r = await lines.next())
        out.push(JSON.parse(r.value));
      return out;
    },
  };
}

async function classify(input: string, args: string[] = []) {
  const run = start(args);
  run.child.stdin.end(input);
  const out = await run.rest();
  const [code] = (await once(run.child, 'close')) as [number];
  return { out, code, stderr: run.stderr() };
}

function assertResult(line: Record<string, unknown>, id: unknown): void {
  assert.deepEqual(Object.keys(line).sort(), ['categories', 'hateful', 'id', 'language', 'score']);
  assert.equal(line.id, id);
  assert.equal(typeof line.hateful, 'boolean');
  assert.equal(typeof line.score, 'number');
  assert.ok((line.score as number) >= 0 && (line.score as number) <= 1);
  assert.ok(Array.isArray(line.categories));
  for (const c of line.categories as string[])
    assert.ok((HATE_CATEGORIES as readonly string[]).includes(c));
  assert.ok((COMMENT_LANGUAGES as readonly string[]).includes(line.language as string));
  if (line.hateful === false) assert.deepEqual(line.categories, []);
}

test('one result per input line, in input order, with the contract fields and types', async () => {
  const input = [
    { id: 'a', text: 'Всех геев надо расстрелять' },
    { id: 'b', text: 'Я гей и мне не стыдно' },
    { id: 7, text: 'Geilerdi óltirý kerek' },
    { id: 'd', text: 'My dog loves walks in the park' },
    { id: 'e', text: 'Гейлерді елден қуу керек' },
  ];
  const { out, code } = await classify(input.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.equal(code, 0);
  assert.equal(out.length, input.length);
  out.forEach((line, i) => assertResult(line, input[i]?.id));
  assert.deepEqual(
    out.map((l) => l.hateful),
    [true, false, true, false, true],
  );
  assert.ok((out[0]?.categories as string[]).includes('threat'));
  assert.equal(out[0]?.language, 'ru');
  assert.equal(out[2]?.language, 'kk-latn');
  assert.equal(out[3]?.language, 'en');
  assert.equal(out[4]?.language, 'kk-cyrl');
});

test('malformed lines get an error line in their place, blank lines are skipped, exit code stays 0', async () => {
  const input = [
    '{"id":"ok1","text":"Thanks for the article"}',
    'not json',
    '',
    '{"id":"no-text"}',
    '{"id":"bad-text","text":42}',
    '[1,2]',
    '{"id":"ok2","text":"Пидоры, вон из города"}',
  ].join('\n');
  const { out, code, stderr } = await classify(input);
  assert.equal(code, 0);
  assert.equal(out.length, 6);
  assertResult(out[0] as Record<string, unknown>, 'ok1');
  assert.equal(out[1]?.id, null);
  assert.match(out[1]?.error as string, /^line 2: invalid JSON/);
  assert.equal(out[2]?.id, 'no-text');
  assert.match(out[2]?.error as string, /^line 4: "text" must be a string \(it is missing\)/);
  assert.equal(out[3]?.id, 'bad-text');
  assert.match(out[3]?.error as string, /^line 5: "text" must be a string$/);
  assert.equal(out[4]?.id, null);
  assert.match(out[4]?.error as string, /^line 6: expected a JSON object/);
  assertResult(out[5] as Record<string, unknown>, 'ok2');
  assert.equal(out[5]?.hateful, true);
  assert.match(stderr, /4 line\(s\) could not be classified/);
});

test('empty and whitespace-only texts are not hateful, score 0, language unknown', async () => {
  const { out } = await classify('{"id":"e1","text":""}\r\n{"id":"e2","text":"   \\n "}\r\n');
  assert.equal(out.length, 2);
  for (const [i, line] of out.entries()) {
    assertResult(line, `e${i + 1}`);
    assert.equal(line.hateful, false);
    assert.equal(line.score, 0);
    assert.equal(line.language, 'unknown');
  }
});

test('--explain adds the evidence, whose spans point at the verbatim text', async () => {
  const text = 'Всех П.И.Д.О.Р.О.В надо р@сстрелять';
  const { out } = await classify(JSON.stringify({ id: 'x', text }) + '\n', ['--explain']);
  const line = out[0] as {
    hateful: boolean;
    evidence: {
      rules: { rule: string; signal: string; start: number; end: number; text: string }[];
      features: unknown[];
    };
    version: string;
  };
  assert.equal(line.hateful, true);
  assert.match(line.version, /^lexicon \d+\.\d+\.\d+/);
  const slur = line.evidence.rules.find((r) => r.signal === 'slur');
  assert.ok(slur, 'the slur is in the evidence');
  assert.equal(slur.text, 'П.И.Д.О.Р.О.В');
  assert.equal(text.slice(slur.start, slur.end), slur.text);
  const threat = line.evidence.rules.find((r) => r.signal === 'threat');
  assert.equal(threat?.text, 'надо р@сстрелять');
  assert.ok(line.evidence.features.length > 0);
});

test(
  '10,000 lines stream: the first results come out before the input ends',
  { timeout: 60_000 },
  async () => {
    const run = start();
    const total = 10_000;
    const line = (i: number) =>
      JSON.stringify({
        id: `n${i}`,
        text: i % 3 === 0 ? 'Гейлер адам емес, иттер' : `Комментарий номер ${i}`,
      }) + '\n';
    // Half the input, then wait for a result while stdin is still open.
    let chunk = '';
    for (let i = 0; i < total / 2; i++) chunk += line(i);
    run.child.stdin.write(chunk);
    const first = await run.next();
    assertResult(first, 'n0');
    assert.equal(first.hateful, true);
    chunk = '';
    for (let i = total / 2; i < total; i++) chunk += line(i);
    run.child.stdin.end(chunk);
    const rest = await run.rest();
    const [code] = (await once(run.child, 'close')) as [number];
    assert.equal(code, 0);
    assert.equal(rest.length, total - 1);
    rest.forEach((l, i) => assert.equal(l.id, `n${i + 1}`));
  },
);
