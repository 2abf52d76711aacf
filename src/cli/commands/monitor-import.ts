// `qorgan monitor import FILE --item ID --format …`: large comment files, straight from disk
// into the database on the server, without going through the web. The file streams through
// the importer; comments are classified and stored in batches, one transaction per batch,
// so Ctrl-C (or a crash) leaves whole batches and an import marked failed, and running the
// same command again adds only what is missing (duplicates are recognised by their hash).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { IMPORT_FORMATS, type ImportFormat } from '../../common/monitoring/vocabulary.ts';
import type { ImportProblem } from '../../common/monitoring/imported-comment.ts';
import { addDataOption } from './options.ts';

interface ImportOptions {
  data: string;
  item: string;
  format: ImportFormat;
  map?: CsvMap;
  header: boolean;
  delimiter?: string;
  batch: number;
}

/** `--map text=Message,author=User`: which CSV column holds what. */
interface CsvMap {
  text?: string;
  author?: string;
  postedAt?: string;
  url?: string;
  sourceId?: string;
}

const MAP_KEYS = ['text', 'author', 'postedAt', 'url', 'sourceId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCsvMap(value: string): CsvMap {
  const map: CsvMap = {};
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim();
    if (at < 1 || column === '' || !(MAP_KEYS as readonly string[]).includes(key)) {
      throw new InvalidArgumentError(
        `write field=column pairs separated by commas, fields among ${MAP_KEYS.join(', ')} (e.g. text=Message,author=User)`,
      );
    }
    map[key as keyof CsvMap] = column;
  }
  if (!map.text) throw new InvalidArgumentError('name the text column: text=COLUMN');
  return map;
}

export function registerMonitorImportCommand(monitor: Command): void {
  addDataOption(
    monitor
      .command('import')
      .description(
        'Import comments from a file into a monitored item: classified and stored in batches, with a progress bar. Problems are printed with their line numbers; the rest is imported.',
      )
      .argument('<file>', 'the file: CSV, JSON lines, a Telegram Desktop result.json, or text')
      .requiredOption('--item <id>', 'the monitored item (its id from the web app)', (v) => {
        if (!UUID.test(v)) throw new InvalidArgumentError('an item id is a UUID');
        return v.toLowerCase();
      })
      .addOption(
        new Option('--format <format>', 'the file format')
          .choices([...IMPORT_FORMATS])
          .makeOptionMandatory(),
      )
      .option(
        '--map <pairs>',
        'CSV: which column holds what, by header name or 1-based number (text=Message,author=User,postedAt=Date,url=Link,sourceId=Id); without it the header names are guessed',
        parseCsvMap,
      )
      .option('--no-header', 'CSV: the first row is a comment, not column names (needs --map)')
      .option('--delimiter <char>', 'CSV: the delimiter (detected when absent)', (v) => {
        if (v.length !== 1) throw new InvalidArgumentError('a delimiter is one character');
        return v;
      })
      .option('--batch <n>', 'comments per transaction', (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10_000)
          throw new InvalidArgumentError('a whole number from 1 to 10000');
        return n;
      }),
  ).action(async (file: string, opts: ImportOptions) => {
    await runImport(file, { ...opts, batch: opts.batch ?? 500 });
  });
}

async function runImport(file: string, opts: ImportOptions): Promise<void> {
  if (opts.format !== 'csv' && (opts.map || !opts.header || opts.delimiter)) {
    throw new Error('--map, --no-header and --delimiter are for --format csv');
  }
  if (!opts.header && !opts.map) {
    throw new Error('--no-header needs --map with column numbers, e.g. --map text=3,author=1');
  }
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw new Error(`cannot read ${file}`);

  // Loaded here so that `monitor classify` never opens a database.
  const { openRuntime } = await import('../../server/runtime.ts');
  const runtime = await openRuntime({ dataDir: opts.data });
  const progress = new Progress(size);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  // Every Ctrl-C is caught until the import has stopped, so a second one cannot kill the
  // process in the middle of a batch's transaction.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { importComments } = await import('../../server/modules/monitoring/import-comments.ts');
    const csv =
      opts.format === 'csv' && opts.map?.text
        ? {
            ...opts.map,
            text: opts.map.text,
            hasHeader: opts.header,
            ...(opts.delimiter && { delimiter: opts.delimiter }),
          }
        : undefined;
    const problems: ImportProblem[] = [];
    const row = await importComments({
      deps: { db: runtime.database.db, now: () => new Date() },
      actor: null,
      itemId: opts.item,
      format: opts.format,
      csv,
      via: 'cli',
      batchSize: opts.batch,
      source: (async function* () {
        for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
          // Stop between chunks: the batch being built is dropped, stored batches stay.
          if (interrupted) throw new Interrupted();
          const bytes = chunk as Buffer;
          progress.read(bytes.byteLength);
          yield bytes;
        }
      })(),
      onBatch: (p) => progress.stored(p.imported + p.duplicates),
      onProblem: (p) => {
        problems.push(p);
        progress.print(`line ${p.line}: ${p.code}: ${p.message}`);
      },
    });
    progress.done();
    console.log(
      [
        `Imported ${row.imported} new comment(s) into item ${row.item_id}`,
        `${row.duplicates} duplicate(s) already stored, not stored again`,
        `${row.problem_count} problem(s)${row.problem_count > 0 ? ' (listed above with their line numbers)' : ''}`,
        `import ${row.id}, ${progress.rate()} comments/s.`,
      ].join('; '),
    );
  } catch (error) {
    progress.done();
    if (error instanceof Interrupted) {
      console.error(
        'Interrupted. Every batch stored so far is complete, and the import is marked failed. Run the same command again to import the rest: comments already stored are recognised as duplicates.',
      );
      process.exitCode = 130;
      return;
    }
    throw error;
  } finally {
    // The signal handlers stay: the command ends with the process, and a late Ctrl-C must
    // not kill it while the database closes.
    await runtime.close();
  }
}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/**
 * Bytes read of the total and comments per second on stderr: a bar redrawn in place on a
 * terminal, a plain line every few seconds otherwise (logs, pipes).
 */
class Progress {
  private readonly total: number;
  private readonly tty = process.stderr.isTTY === true;
  private readonly started = performance.now();
  private bytes = 0;
  private comments = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(total: number) {
    this.total = total;
  }

  read(bytes: number): void {
    this.bytes += bytes;
    this.maybeDraw();
  }

  stored(comments: number): void {
    this.comments = comments;
    this.maybeDraw();
  }

  rate(): number {
    const seconds = (performance.now() - this.started) / 1000;
    return seconds > 0 ? Math.round(this.comments / seconds) : 0;
  }

  /** A line of its own (a problem), above the bar. */
  print(line: string): void {
    this.clear();
    process.stderr.write(`${line}\n`);
    this.lastDraw = 0;
    this.maybeDraw();
  }

  done(): void {
    if (this.tty) {
      this.draw();
      process.stderr.write('\n');
    } else {
      process.stderr.write(`${this.line()}\n`);
    }
    this.drawn = false;
  }

  private maybeDraw(): void {
    const now = performance.now();
    if (now - this.lastDraw < (this.tty ? 100 : 5000)) return;
    this.lastDraw = now;
    if (this.tty) this.draw();
    else process.stderr.write(`${this.line()}\n`);
  }

  private clear(): void {
    if (this.tty && this.drawn) process.stderr.write('\r\x1b[2K');
  }

  private draw(): void {
    const width = 24;
    const fraction = this.total > 0 ? Math.min(1, this.bytes / this.total) : 1;
    const filled = Math.round(fraction * width);
    this.clear();
    process.stderr.write(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.line()}`);
    this.drawn = true;
  }

  private line(): string {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    const percent = this.total > 0 ? Math.floor((this.bytes / this.total) * 100) : 100;
    return `${percent}% ${mb(this.bytes)} / ${mb(this.total)} MB, ${this.comments} comments, ${this.rate()} comments/s`;
  }
}
