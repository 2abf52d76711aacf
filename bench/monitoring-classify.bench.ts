// Speed of the hate-speech classifier: comments per second of `qorgan monitor classify` in
// batch (JSON lines on stdin, one child process, so one core for the classifier) and the
// child's peak memory (VmHWM from /proc/<pid>/status); targets ≥ 20,000 comments/s and
// ≤ 300 MB. Also in-process: loadClassifier().classify() and the statistical layer alone
// (normalisation + model), which show where the time goes. The machine is shared: each row
// also gives the CPU seconds used, so a busy machine shows as wall time above CPU time.
//
// The comments are generated here from invented fragments in ru, kk (both scripts), en
// and mixed, 40–200 characters, some with obfuscation and repeated letters.
//
//   node_modules/.bin/node bench/monitoring-classify.bench.ts [count]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../scripts/train-classifier.ts';
import {
  loadShippedModel,
  scoreText,
  serialiseModel,
} from '../src/server/modules/monitoring/classifier/model.ts';
import { trainModel } from '../src/server/modules/monitoring/classifier/train.ts';
import { normaliseForModel } from '../src/server/modules/monitoring/classifier/normalise.ts';

type Row = Record<string, number | string>;

// A count given on the command line when run directly; bench/run.ts passes its own words.
const COUNT = /^\d+$/.test(process.argv[2] ?? '') ? Number(process.argv[2]) : 200_000;
const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const CLI = path.join(REPO_ROOT, 'src/cli/main.ts');
const INDEX = path.join(REPO_ROOT, 'src/server/modules/monitoring/classifier/index.ts');

// Invented fragments, not taken from any dataset.
const FRAGMENTS = [
  'опять этот пост про город',
  'мне кажется, это всё неправда',
  'кто-нибудь знает, когда откроют парк?',
  'такие люди должны сидеть дома',
  'ну и ну, вот это новости',
  'биз бұл жаңалықты күттік',
  'бүгін ауа райы жақсы',
  'олар бізге жат адамдар',
  'bul nağyz sumdyq qoi',
  'men bul pikirmen kelispeimin',
  'this is getting out of hand',
  'who even reads this stuff',
  'they should all go away',
  'great video, thanks for sharing',
  'бұл пост өте дұрыс, молодцы',
  'ваааще жесть, п0зор',
  'кешіріңіз, бірақ бұл дұрыс емес',
  'no comment 🙄',
  'убирайтесь отсюда',
  'в следующий раз приходите все',
];

/** Deterministic comments: the same count gives the same input every run. */
export function generateComments(count: number): string[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const target = 40 + (next() % 160);
    while (text.length < target) {
      text += (text ? ' ' : '') + FRAGMENTS[next() % FRAGMENTS.length];
    }
    lines.push(JSON.stringify({ id: `c${i}`, text }));
  }
  return lines;
}

function machine(): Row {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const lscpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/);
    model = lscpu?.[1] ?? model;
  } catch {
    // not Linux: os.cpus() names it
  }
  return {
    cpu: model,
    cores: cpus().length,
    load_avg_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s*(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

async function benchCli(lines: string[]): Promise<Row> {
  const started = performance.now();
  const child = spawn(NODE, [CLI, 'monitor', 'classify'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let peak = 0;
  let cpu = 0;
  // The last poll before the child exits is what is reported: at most 20 ms is missed.
  const poll = setInterval(() => {
    if (!child.pid) return;
    peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
    cpu = Math.max(cpu, cpuSeconds(child.pid) ?? 0);
  }, 20);
  let outputLines = 0;
  let firstOutput = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    if (firstOutput === 0) firstOutput = performance.now();
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) outputLines++;
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  // A CLI that exits early (no such command) closes its stdin: the result row says so.
  child.stdin.on('error', () => {});
  const batch = 1000;
  for (let i = 0; i < lines.length && !done; i += batch) {
    const ok = child.stdin.write(lines.slice(i, i + batch).join('\n') + '\n');
    if (!ok)
      await Promise.race([new Promise((resolve) => child.stdin.once('drain', resolve)), exited]);
    // The last poll before exit is what VmHWM reports: keep polling while writing too.
  }
  child.stdin.end();
  const code = await exited;
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  return {
    measure: 'CLI monitor classify (child process)',
    comments: lines.length,
    output_lines: outputLines,
    exit_code: code ?? 'signal',
    seconds: Math.round(seconds * 100) / 100,
    comments_per_s: Math.round(lines.length / seconds),
    peak_rss_mb: Math.round(peak),
    cpu_s: Math.round(cpu * 100) / 100,
    comments_per_cpu_s: cpu > 0 ? Math.round(lines.length / cpu) : '',
    startup_to_first_output_s:
      Math.round(((firstOutput || performance.now()) - started) / 10) / 100,
  };
}

function inProcess(name: string, texts: string[], fn: (text: string) => unknown): Row {
  for (let i = 0; i < Math.min(2000, texts.length); i++) fn(texts[i] ?? '');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (const text of texts) fn(text);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStart);
  const cpu = (used.user + used.system) / 1e6;
  return {
    measure: name,
    comments: texts.length,
    seconds: Math.round(seconds * 100) / 100,
    comments_per_s: Math.round(texts.length / seconds),
    cpu_s: Math.round(cpu * 100) / 100,
    comments_per_cpu_s: Math.round(texts.length / cpu),
  };
}

/** An organisation's retraining: a few thousand reviewed labels, the shipped model's settings. */
const RETRAIN_EXAMPLES = 3000;

function benchRetraining(texts: string[]): Row {
  // Invented labels: what matters here is the time, not what is learnt.
  const examples = texts.map((text, i) => ({
    text,
    hateful: text.includes('убирайтесь') || text.includes('жат'),
    categories: i % 3 === 0 && text.includes('убирайтесь') ? (['threat'] as const) : [],
  }));
  const shipped = loadShippedModel();
  const started = performance.now();
  const model = trainModel(
    examples.map((e) => ({ ...e, categories: [...e.categories] })),
    { features: shipped.features },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    measure: `trainModel on ${texts.length} reviewed labels`,
    comments: texts.length,
    seconds: Math.round(seconds * 100) / 100,
    model_bytes: serialiseModel(model).length,
  };
}

export async function run(): Promise<{ name: string; results: Row[] }> {
  const lines = generateComments(COUNT);
  const texts = lines.map((line) => (JSON.parse(line) as { text: string }).text);
  const meanLength = Math.round(texts.reduce((sum, t) => sum + t.length, 0) / texts.length);
  const results: Row[] = [{ measure: 'machine', ...machine(), mean_comment_chars: meanLength }];

  results.push(await benchCli(lines));

  if (existsSync(INDEX)) {
    const mod = (await import(pathToFileURL(INDEX).href)) as {
      loadClassifier: () => { classify: (text: string) => unknown };
    };
    const classifier = mod.loadClassifier();
    results.push(inProcess('in-process classify()', texts, (t) => classifier.classify(t)));
  }
  const model = loadShippedModel();
  results.push(inProcess('in-process normaliseForModel only', texts, (t) => normaliseForModel(t)));
  results.push(
    inProcess('in-process normaliseForModel + scoreText', texts, (t) =>
      scoreText(model, normaliseForModel(t)),
    ),
  );
  const normalised = texts.map((t) => normaliseForModel(t));
  results.push(
    inProcess('in-process scoreText on normalised text', normalised, (t) => scoreText(model, t)),
  );
  results.push(benchRetraining(texts.slice(0, RETRAIN_EXAMPLES)));
  return { name: 'monitoring classify speed', results };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = await run();
  console.table(output.results);
  console.log(JSON.stringify(output));
}
