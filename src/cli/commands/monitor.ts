// `qorgan monitor …`: hate-speech monitoring from the command line.
//
// `qorgan monitor classify` is the classifier's contract with benchmarks and evaluators: no
// server, no database. It reads JSON lines `{"id": …, "text": "…"}` on stdin and writes,
// for each input line and in the same order, one JSON line on stdout:
//   {"id", "hateful": true|false, "score": 0..1, "categories": [...], "language": "..."}
// With --explain each line also has "evidence" (matched rules with the verbatim text they
// matched, and the model's top features) and "version".
// A line that is not a JSON object with a string "text" gets, in its place,
//   {"id": <its id, or null>, "error": "line N: …"}
// so the output stays aligned with the input; blank lines are skipped. Output streams: the
// first results are written before the end of the input is read. The exit code is 0 unless
// stdin cannot be read.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { registerMonitorImportCommand } from './monitor-import.ts';

interface ClassifyCliOptions {
  explain: boolean;
}

export function registerMonitorCommands(program: Command): Command {
  const monitor = program
    .command('monitor')
    .description('Hate-speech monitoring: classify comments, import them into a monitored item.');
  monitor
    .command('classify')
    .description(
      'Classify comments offline: JSON lines {"id","text"} on stdin, one JSON line {"id","hateful","score","categories","language"} per input on stdout.',
    )
    .option(
      '--explain',
      'add the evidence (matched rules and top model features) and the classifier version',
      false,
    )
    .action(async (opts: ClassifyCliOptions) => {
      await classifyStdin(opts);
    });
  registerMonitorImportCommand(monitor);
  return monitor;
}

type Id = string | number | null;

function idOf(value: unknown): Id {
  if (typeof value === 'string' || typeof value === 'number') return value;
  return null;
}

async function classifyStdin(opts: ClassifyCliOptions): Promise<void> {
  // Loaded here so that other `monitor` commands do not read the model file.
  const { loadClassifier } = await import('../../server/modules/monitoring/classifier/index.ts');
  const classifier = loadClassifier({ explainFeatures: opts.explain });
  const out = process.stdout;
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let closed = false;
  out.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop quietly, it has what it wanted.
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    input.close();
  });

  // Results of the lines of one chunk of input are written together, once the chunk is
  // done (setImmediate): a fast producer gets large writes, a slow one its answers at once.
  // When stdout is full, input pauses until it drains, so memory stays flat.
  let pending: string[] = [];
  let scheduled = false;
  const write = (): void => {
    scheduled = false;
    if (pending.length === 0 || closed) return;
    const chunk = pending.join('');
    pending = [];
    if (!out.write(chunk)) {
      input.pause();
      out.once('drain', () => input.resume());
    }
  };
  const emit = (value: unknown): void => {
    pending.push(JSON.stringify(value) + '\n');
    if (!scheduled) {
      scheduled = true;
      setImmediate(write);
    }
  };

  let lineNumber = 0;
  let problems = 0;
  const onLine = (raw: string): void => {
    lineNumber++;
    const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      problems++;
      const reason = error instanceof Error ? error.message : String(error);
      emit({ id: null, error: `line ${lineNumber}: invalid JSON: ${reason}` });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems++;
      emit({ id: null, error: `line ${lineNumber}: expected a JSON object with "id" and "text"` });
      return;
    }
    const record = parsed as Record<string, unknown>;
    const id = idOf(record.id);
    const text = record.text;
    if (typeof text !== 'string') {
      problems++;
      const missing = text === undefined ? ' (it is missing)' : '';
      emit({ id, error: `line ${lineNumber}: "text" must be a string${missing}` });
      return;
    }
    const c = classifier.classify(text);
    if (!opts.explain) {
      emit({
        id,
        hateful: c.hateful,
        score: c.score,
        categories: c.categories,
        language: c.language,
      });
      return;
    }
    emit({
      id,
      hateful: c.hateful,
      score: c.score,
      categories: c.categories,
      language: c.language,
      evidence: {
        rules: c.evidence.rules.map((m) => ({ ...m, text: text.slice(m.start, m.end) })),
        features: c.evidence.features,
      },
      version: c.version,
    });
  };

  const readError = await new Promise<Error | null>((resolve) => {
    let failure: Error | null = null;
    process.stdin.on('error', (error) => {
      failure = error;
      input.close();
    });
    input.on('line', onLine);
    input.on('close', () => resolve(failure));
  });
  write();
  if (readError !== null) {
    console.error(`qorgan monitor classify: cannot read stdin: ${readError.message}`);
    process.exitCode = 1;
    return;
  }
  if (problems > 0) {
    console.error(
      `qorgan monitor classify: ${problems} line(s) could not be classified (see "error" in the output).`,
    );
  }
}
