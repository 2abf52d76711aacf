// Writes docs/openapi.json from the routes' zod schemas (the same document the server
// serves at /api/openapi.json). `--check` exits 1 when the committed file drifts; the test
// runner runs it, so an API change shows up in review as a change of this file.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../src/server/blobs/fs-blob-store.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/server/app.ts';
import { defaultConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { instanceSecretsFrom } from '../src/server/secrets.ts';

const TARGET = new URL('../docs/openapi.json', import.meta.url);

export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({});
  try {
    const app = await buildApp({
      config: defaultConfig(),
      database,
      secrets: instanceSecretsFrom(new Uint8Array(randomBytes(32))),
      // Never written to: the document is built from the route schemas alone.
      blobs: new FsBlobStore(path.join(tmpdir(), 'qorgan-openapi-unused')),
      logger: false,
    });
    await app.ready();
    const document = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return document;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const generated = await generateOpenApi();
  if (process.argv.includes('--check')) {
    const current = await readFile(TARGET, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error('docs/openapi.json is out of date: run npm run openapi');
      process.exit(1);
    }
    console.log('the OpenAPI document is up to date');
  } else {
    await writeFile(TARGET, generated);
    console.log('wrote docs/openapi.json');
  }
}
