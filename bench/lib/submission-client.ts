// The load side of the submission bench, in a worker thread so it does not share the
// server's event loop: `concurrency` loops, each posting the report form again and
// again for `seconds`, counting receipts (200 with a codename) and latencies.
import { parentPort, workerData } from 'node:worker_threads';

export interface SubmissionLoad {
  url: string;
  /** The form fields, in protocol order (the file goes last). */
  fields: [string, string][];
  /** Size of the attached file in bytes; 0 for none. */
  fileBytes: number;
  concurrency: number;
  seconds: number;
}

export interface SubmissionLoadResult {
  ok: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function pdfOf(bytes: number): Blob {
  // A real PDF header, so content-type detection sees a PDF; the rest is filler.
  const head = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n');
  const body = new Uint8Array(bytes);
  body.set(head);
  for (let i = head.length; i < bytes; i += 1) body[i] = (i * 31) & 0xff;
  return new Blob([body], { type: 'application/pdf' });
}

async function runLoad(load: SubmissionLoad): Promise<SubmissionLoadResult> {
  const file = load.fileBytes > 0 ? pdfOf(load.fileBytes) : null;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + load.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const form = new FormData();
      for (const [name, value] of load.fields) form.append(name, value);
      if (file) form.append('files', file, 'statement.pdf');
      const t0 = performance.now();
      const res = await fetch(load.url, { method: 'POST', body: form, redirect: 'manual' });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status === 200 && text.includes('class="codename"')) ok += 1;
      else {
        failed += 1;
        firstFailure ??= `${res.status}: ${text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    ok,
    failed,
    firstFailure,
    seconds,
    perSecond: ok / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

if (parentPort) {
  parentPort.postMessage(await runLoad(workerData as SubmissionLoad));
}
