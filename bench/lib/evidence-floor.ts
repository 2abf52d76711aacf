// The floor of the evidence-upload bench, in its own process (so its reads do not count
// in the client's memory): sha256sum of the file plus one raw libsodium secretstream pass
// over it, each timed. Prints { sha256sumSeconds, secretstreamSeconds, mbPerSecond }.
//   node bench/lib/evidence-floor.ts FILE BYTES
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import sodiumModule from 'libsodium-wrappers-sumo';
import { CHUNK_BYTES } from '../../src/common/crypto/stream.ts';

const MIB = 1024 * 1024;
const [file = '', size = ''] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await measureFloor(file, Number(size))));

async function measureFloor(file: string, bytes: number) {
  // Read once first, so both the floor and the upload find the file in the page cache.
  for await (const _chunk of createReadStream(file, { highWaterMark: 8 * MIB })) void _chunk;
  let start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sha256sum', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sha256sum ${code}`))));
  });
  const sha256sumSeconds = (performance.now() - start) / 1000;

  await sodiumModule.ready;
  const s = sodiumModule;
  start = performance.now();
  const state = s.crypto_secretstream_xchacha20poly1305_init_push(
    s.crypto_secretstream_xchacha20poly1305_keygen(),
  ).state;
  let done = 0;
  let piece = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    const bytesIn = chunk as Buffer;
    let from = 0;
    while (from < bytesIn.byteLength) {
      const take = Math.min(CHUNK_BYTES - filled, bytesIn.byteLength - from);
      piece.set(bytesIn.subarray(from, from + take), filled);
      filled += take;
      from += take;
      if (filled === CHUNK_BYTES) {
        done += filled;
        s.crypto_secretstream_xchacha20poly1305_push(
          state,
          piece,
          null,
          done === bytes
            ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
        );
        piece = new Uint8Array(CHUNK_BYTES);
        filled = 0;
      }
    }
  }
  if (filled > 0) {
    s.crypto_secretstream_xchacha20poly1305_push(
      state,
      piece.subarray(0, filled),
      null,
      s.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    );
  }
  const secretstreamSeconds = (performance.now() - start) / 1000;
  const seconds = sha256sumSeconds + secretstreamSeconds;
  return { sha256sumSeconds, secretstreamSeconds, mbPerSecond: bytes / 1e6 / seconds };
}
