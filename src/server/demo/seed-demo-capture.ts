// The demo's web capture: the lawyer captures the invented post the demo serves itself
// onto the urgent case, through the same use case as POST /api/evidence/captures, with an
// item key made and sealed as the browser makes it. Without Chromium the demo still runs
// and says why the capture is missing.
import { randomUUID } from 'node:crypto';
import * as api from '../../common/api/evidence.ts';
import { toB64 } from '../../common/crypto/encoding.ts';
import { generateItemKey, sealItemKey } from '../../common/evidence/item-crypto.ts';
import { createCaptureBrowser } from '../modules/evidence/capture-browser.ts';
import { capturePage } from '../modules/evidence/capture-page.ts';
import type { EvidenceDeps } from '../modules/evidence/evidence.deps.ts';
import type { DemoSeed } from './seed-demo.ts';

export async function seedDemoCapture(options: {
  deps: EvidenceDeps;
  seed: DemoSeed;
  url: string;
}): Promise<{ ok: true; itemId: string } | { ok: false; reason: string }> {
  const { deps, seed } = options;
  const target = seed.records.evidenceTargets.urgentCase;
  const browser = createCaptureBrowser(deps.config.evidence.capture, {
    warn: (object, message) => console.warn(message, object),
  });
  try {
    const id = randomUUID();
    const itemKey = generateItemKey();
    const item = await capturePage({
      deps,
      browser,
      actor: seed.evidence.collector,
      request: api.createCapture.parse({
        id,
        parent: { caseId: target.id },
        url: options.url,
        title: 'The post calling people to "deal with" the community (invented)',
        itemKey: toB64(itemKey),
        sealedItemKey: toB64(sealItemKey(target.key, id, itemKey)),
      }),
    });
    return { ok: true, itemId: item.id };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await browser.close();
  }
}
