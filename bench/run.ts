// What `npm run bench` runs: every bench/*.bench.ts in name order, each in its own
// process (a fresh heap, no warm JIT or open database from the bench before), a table
// per bench, and var/bench/latest.json with the machine the figures come from.
//
//   npm run bench                    every bench
//   npm run bench -- kdf             only benches whose file name contains "kdf"
//
// A bench module exports `run(): Promise<{ name, results: Record<string, number | string>[] }>`.
import { fork } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Row = Record<string, number | string>;
interface BenchOutput {
  name: string;
  results: Row[];
}
interface BenchRecord {
  file: string;
  name: string;
  seconds: number;
  results: Row[];
  error?: string;
}

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = path.dirname(benchDir);
const CHILD_FLAG = '--run-one';

if (process.argv[2] === CHILD_FLAG) {
  await runOne(process.argv[3] ?? '');
} else {
  await runAll(process.argv.slice(2));
}

async function runOne(file: string): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as {
    run?: () => Promise<BenchOutput>;
  };
  if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
  const output = await mod.run();
  process.send?.(output);
  // A bench may leave a timer or a handle behind; its figures are in, so leave.
  process.disconnect?.();
  process.exit(0);
}

function runInChild(file: string): Promise<BenchOutput> {
  return new Promise((resolve, reject) => {
    let output: BenchOutput | undefined;
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, file], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.on('message', (message) => (output = message as BenchOutput));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (output && code === 0) resolve(output);
      else reject(new Error(`${file} exited with ${code ?? signal} before reporting results`));
    });
  });
}

async function runAll(filters: string[]): Promise<void> {
  const files = (await readdir(benchDir))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench/*.bench.ts${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    process.exit(1);
  }
  const machine = await machineInfo();
  console.log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
  );
  const records: BenchRecord[] = [];
  for (const file of files) {
    console.log(`▶ ${file}`);
    const started = performance.now();
    try {
      const output = await runInChild(file);
      const seconds = round((performance.now() - started) / 1000, 1);
      records.push({ file, name: output.name, seconds, results: output.results });
      console.log(`\n${output.name}  (${seconds} s)`);
      printTable(output.results);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      records.push({
        file,
        name: file,
        seconds: round((performance.now() - started) / 1000, 1),
        results: [],
        error: message,
      });
      console.error(`✖ ${file}: ${message}`);
    }
    console.log('');
  }
  const outDir = path.join(repoRoot, 'var/bench');
  await mkdir(outDir, { recursive: true });
  const report = { at: new Date().toISOString(), machine, benches: records };
  await writeFile(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `Results written to ${path.relative(process.cwd(), path.join(outDir, 'latest.json'))}`,
  );
  if (records.some((r) => r.error)) process.exit(1);
}

async function machineInfo() {
  const cpus = os.cpus();
  // os.cpus() can report an empty model in containers; /proc/cpuinfo usually has it.
  let cpuModel = cpus[0]?.model.trim() ?? '';
  if (!cpuModel) {
    const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  }
  return {
    cpuModel,
    cores: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function printTable(rows: Row[]): void {
  if (rows.length === 0) {
    console.log('  (no results)');
    return;
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (row: Row, column: string) => {
    const value = row[column];
    return value === undefined
      ? ''
      : typeof value === 'number'
        ? value.toLocaleString('en-US', { maximumFractionDigits: 2 })
        : value;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (values: string[]) =>
    `  ${values.map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ')}`;
  console.log(line(columns));
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(columns.map((c) => cell(row, c))));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
