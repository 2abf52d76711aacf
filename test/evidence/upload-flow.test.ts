// An evidence file goes from the browser's upload client to a stored item over real HTTP:
// encrypted before it leaves, sent in segments, resumed when the connection is cut in the
// middle of a segment, committed, and decrypted again to the very same bytes.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { fetchAndDecrypt, listen, openMeta, uploadItem } from './upload-helpers.ts';

/**
 * A TCP proxy in front of the server that cuts every connection once, after `cutAfter`
 * bytes went from the client to the server in total: a real broken connection in the
 * middle of a request body. It notes the Upload-Offset of every PATCH it forwards.
 */
async function cuttingProxy(target: string, cutAfter: number) {
  const { port: targetPort } = new URL(target);
  let forwarded = 0;
  let cut = false;
  const offsets: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(targetPort), '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (data: Buffer) => {
      for (const m of data.toString('latin1').matchAll(/upload-offset: (\d+)/gi))
        offsets.push(Number(m[1]));
      if (!cut && forwarded + data.length > cutAfter) {
        cut = true;
        upstream.write(data.subarray(0, cutAfter - forwarded), () => {
          upstream.destroy();
          client.destroy();
        });
        forwarded = cutAfter;
        return;
      }
      forwarded += data.length;
      upstream.write(data);
    });
    upstream.on('data', (data) => client.write(data));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    offsets,
    wasCut: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

for (const engine of engines()) {
  describe(`evidence upload through the client (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    let baseUrl: string;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      org = await createOrganisation(t);
      baseUrl = await listen(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('a file is uploaded in segments, committed, and decrypts to the original bytes', async () => {
      const incident = await createTestIncident(t, org);
      const bytes = randomFillSync(new Uint8Array(700_000));
      const progress: number[] = [];
      const { item } = await uploadItem(
        baseUrl,
        org.admin,
        { parent: { incidentId: incident.id }, recordKey: incident.recordKey },
        [{ role: 'original', bytes }],
        { upload: { segmentBytes: 100_000, onProgress: (p) => progress.push(p.plaintextBytes) } },
      );
      assert.equal(item.incidentId, incident.id);
      assert.equal(item.files.length, 1);
      assert.deepEqual(progress.at(-1), bytes.length);
      assert.ok(progress.length >= 7, 'progress is reported per segment');
      assert.deepEqual(
        progress,
        [...progress].sort((a, b) => a - b),
        'progress only grows',
      );
      assert.deepEqual(await fetchAndDecrypt(t, org.admin, item, incident.recordKey), bytes);
      const meta = openMeta(item, incident.recordKey);
      assert.equal(meta.files[0]?.size, bytes.length);
      assert.deepEqual(await t.blobs.listUploads(), [], 'the upload area is empty again');
    });

    test('a Blob (as a browser reads a File) and a positional reader give the same bytes back', async () => {
      const incident = await createTestIncident(t, org);
      const target = { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
      // Over two 1 MiB reads and not a whole number of 64 KiB chunks.
      const bytes = randomFillSync(new Uint8Array(2_500_003));
      const reads: number[] = [];
      const positional = {
        size: bytes.byteLength,
        read: async (offset: number, length: number) => {
          reads.push(offset);
          return bytes.slice(offset, offset + length);
        },
      };
      for (const source of [new Blob([bytes]), positional]) {
        const { item } = await uploadItem(
          baseUrl,
          org.admin,
          target,
          [{ role: 'original', bytes }],
          { upload: { source } },
        );
        assert.deepEqual(await fetchAndDecrypt(t, org.admin, item, incident.recordKey), bytes);
      }
      assert.deepEqual(reads, [0, 1_048_576, 2_097_152]);
    });

    test('an upload cut off in the middle of a segment resumes from what the server kept', async () => {
      const incident = await createTestIncident(t, org);
      const bytes = randomFillSync(new Uint8Array(1_200_000));
      const segment = 256 * 1024;
      // The cut falls inside the second segment's body.
      const proxy = await cuttingProxy(baseUrl, segment + 150_000);
      try {
        const { item } = await uploadItem(
          proxy.url,
          org.admin,
          { parent: { incidentId: incident.id }, recordKey: incident.recordKey },
          [{ role: 'original', bytes }],
          { upload: { segmentBytes: segment } },
        );
        assert.ok(proxy.wasCut(), 'the connection was cut');
        const resumedMidSegment = proxy.offsets.filter((o) => o % segment !== 0);
        assert.ok(
          resumedMidSegment.length >= 1,
          `a PATCH resumed inside a segment (offsets sent: ${proxy.offsets.join(', ')})`,
        );
        assert.deepEqual(await fetchAndDecrypt(t, org.admin, item, incident.recordKey), bytes);
      } finally {
        await proxy.close();
      }
    });
  });
}
