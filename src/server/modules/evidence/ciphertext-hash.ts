import { createHash } from 'node:crypto';

/** SHA-256 of a stream's bytes, read once, a buffer at a time (memory stays flat). */
export async function sha256OfStream(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return new Uint8Array(hash.digest());
}
