// Campaigns and monitored items: created, listed, changed and deleted by members who may,
// invisible to other organisations (404, not 403, so ids reveal nothing), audited, and a
// campaign that still groups items is not deleted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CampaignDto, MonitoredItemDto } from '../../src/common/api/monitoring.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import { createTestCampaign, createTestItem } from '../helpers/monitoring.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`monitoring campaigns and items (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('a monitor creates a campaign and items in it; lists and gets show them', async () => {
      const monitor = await addMember(t, org, 'monitor');
      const viewer = await addMember(t, org, 'viewer');
      const head = await auditHead(t);
      const created = await call(t, 'POST', '/api/monitoring/campaigns', {
        cookie: monitor.cookie,
        payload: { name: '  Reactions to the kissing video  ' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const campaign = created.json<CampaignDto>();
      assert.equal(campaign.name, 'Reactions to the kissing video');
      assert.equal(campaign.createdBy, monitor.id);

      const itemRes = await call(t, 'POST', '/api/monitoring/items', {
        cookie: monitor.cookie,
        payload: {
          campaignId: campaign.id,
          platform: 'tiktok',
          url: 'https://example.invalid/@someone/video/1',
          author: '@someone',
          publishedAt: '2026-02-14T18:30:00+05:00',
          title: 'The video',
        },
      });
      assert.equal(itemRes.statusCode, 201, itemRes.body);
      const item = itemRes.json<MonitoredItemDto>();
      assert.equal(item.publishedAt, '2026-02-14T13:30:00.000Z');
      assert.deepEqual(item.tally, {
        comments: 0,
        machineFlagged: 0,
        reviewed: 0,
        confirmedHateful: 0,
      });

      const list = await call(t, 'GET', `/api/monitoring/items?campaignId=${campaign.id}`, {
        cookie: viewer.cookie,
      });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json<{ items: MonitoredItemDto[] }>().items.map((i) => i.id),
        [item.id],
      );
      const got = await call(t, 'GET', `/api/monitoring/campaigns/${campaign.id}`, {
        cookie: viewer.cookie,
      });
      assert.equal(got.json<CampaignDto>().itemCount, 1);
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'monitoring.campaign_created',
        'monitoring.item_created',
      ]);
    });

    test('updates change only what is sent, and the audit names the fields', async () => {
      const campaign = await createTestCampaign(t, org);
      const item = await createTestItem(t, org);
      const head = await auditHead(t);
      const moved = await call(t, 'PATCH', `/api/monitoring/items/${item.id}`, {
        cookie: org.admin.cookie,
        payload: { campaignId: campaign.id, notes: 'Reposted by a big account' },
      });
      assert.equal(moved.statusCode, 200, moved.body);
      const after = moved.json<MonitoredItemDto>();
      assert.equal(after.campaignId, campaign.id);
      assert.equal(after.notes, 'Reposted by a big account');
      assert.equal(after.url, item.url);
      const same = await call(t, 'PATCH', `/api/monitoring/items/${item.id}`, {
        cookie: org.admin.cookie,
        payload: { notes: 'Reposted by a big account' },
      });
      assert.equal(same.statusCode, 200);
      const renamed = await call(t, 'PATCH', `/api/monitoring/campaigns/${campaign.id}`, {
        cookie: org.admin.cookie,
        payload: { description: 'Comments under the reposts too' },
      });
      assert.equal(renamed.json<CampaignDto>().description, 'Comments under the reposts too');
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'monitoring.item_updated',
        'monitoring.campaign_updated',
      ]);
    });

    test('a campaign with items is not deleted; once empty it is', async () => {
      const campaign = await createTestCampaign(t, org);
      const item = await createTestItem(t, org, { campaignId: campaign.id });
      const refused = await call(t, 'DELETE', `/api/monitoring/campaigns/${campaign.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(refused.statusCode, 409);
      assert.equal(errorOf(refused).code, 'campaign_not_empty');
      const gone = await call(t, 'DELETE', `/api/monitoring/items/${item.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(gone.statusCode, 204);
      assert.equal(
        (await call(t, 'GET', `/api/monitoring/items/${item.id}`, { cookie: org.admin.cookie }))
          .statusCode,
        404,
      );
      const deleted = await call(t, 'DELETE', `/api/monitoring/campaigns/${campaign.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(deleted.statusCode, 204);
    });

    test('bad input is refused with the field named', async () => {
      const res = await call(t, 'POST', '/api/monitoring/items', {
        cookie: org.admin.cookie,
        payload: { platform: 'myspace', url: 'javascript:alert(1)' },
      });
      assert.equal(res.statusCode, 400);
      const paths = (errorOf(res).issues ?? []).map((i) => i.path).sort();
      assert.deepEqual(paths, ['body.platform', 'body.url']);
    });

    test('another organisation sees none of it: 404 for ids, empty lists, 400 for a campaign in a body', async () => {
      const campaign = await createTestCampaign(t, org);
      const item = await createTestItem(t, org, { campaignId: campaign.id });
      const other = await createOrganisation(t, 'Elsewhere');
      const as = { cookie: other.admin.cookie };
      for (const [method, url, payload] of [
        ['GET', `/api/monitoring/campaigns/${campaign.id}`, undefined],
        ['PATCH', `/api/monitoring/campaigns/${campaign.id}`, { name: 'Mine now' }],
        ['DELETE', `/api/monitoring/campaigns/${campaign.id}`, undefined],
        ['GET', `/api/monitoring/items/${item.id}`, undefined],
        ['PATCH', `/api/monitoring/items/${item.id}`, { title: 'Mine now' }],
        ['DELETE', `/api/monitoring/items/${item.id}`, undefined],
        ['GET', `/api/monitoring/items?campaignId=${campaign.id}`, undefined],
        ['GET', `/api/monitoring/items/${item.id}/imports`, undefined],
        ['GET', `/api/monitoring/comments?itemId=${item.id}`, undefined],
        ['GET', `/api/monitoring/counts?campaignId=${campaign.id}`, undefined],
        ['GET', `/api/monitoring/exports/comments.csv?itemId=${item.id}`, undefined],
      ] as const) {
        const res = await call(t, method, url, { ...as, payload });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      }
      const theirs = await call(t, 'POST', '/api/monitoring/items', {
        ...as,
        payload: { platform: 'vk', url: 'https://example.invalid/x', campaignId: campaign.id },
      });
      assert.equal(theirs.statusCode, 400);
      assert.equal(errorOf(theirs).code, 'campaign_not_found');
      for (const url of ['/api/monitoring/items', '/api/monitoring/campaigns']) {
        const res = await call(t, 'GET', url, as);
        assert.ok(!res.body.includes(item.id) && !res.body.includes(campaign.id), url);
      }
      const still = await call(t, 'GET', `/api/monitoring/items/${item.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(still.json<MonitoredItemDto>().title, 'An invented post');
    });
  });
}
