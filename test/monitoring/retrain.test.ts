// Retraining from an organisation's reviewed labels: refused without enough labels of each
// kind; with them, a model trained on the organisation's own labels is compared with the
// shipped one on held-out labels, used when it does at least as well, and then labels
// later comments (and, through a background job, unreviewed ones), in that organisation
// only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentDto, ModelStatusDto } from '../../src/common/api/monitoring.ts';
import { jobDefinitions } from '../../src/server/jobs/registry.ts';
import { jobRunner } from '../../src/server/jobs/worker.ts';
import { createLogger } from '../../src/server/logger.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import {
  CODED_SLUR,
  commentsOf,
  createTestItem,
  ensureReviewedLabels,
  importLines,
} from '../helpers/monitoring.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// A sentence the training examples do not contain, with the coded word and without it.
const WITH_WORD = `вчера во дворе опять ${CODED_SLUR} 991`;
const WITHOUT_WORD = 'вчера во дворе опять сосед 991';

for (const engine of engines()) {
  describe(`monitoring retraining (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    /** Runs every due job as the server's worker would. */
    const drainJobs = async () => {
      const run = jobRunner({
        db: t.database.db,
        engine: t.database.engine,
        definitions: jobDefinitions,
        logger: createLogger({ level: 'silent' }),
        now: t.clock.now,
      });
      while (await run()) {
        // one job per call
      }
    };

    const status = async (cookie: string) =>
      (await call(t, 'GET', '/api/monitoring/model', { cookie })).json<ModelStatusDto>();

    test('without enough reviewed labels of each kind a retrain is refused', async () => {
      const org = await createOrganisation(t);
      const res = await call(t, 'POST', '/api/monitoring/model/retrain', {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'not_enough_labels');
      const now = await status(org.admin.cookie);
      assert.equal(now.organisationModel, null);
      assert.equal(now.activeVersion, now.shippedVersion);
    });

    test('a retrain from reviewed labels changes the machine labels of later and unreviewed comments', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t, 'Elsewhere');
      const item = await createTestItem(t, org);
      // Imported before the retrain: labelled by the shipped model, left unreviewed.
      await importLines(t, org, item.id, [WITH_WORD]);
      const [early] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.ok(early);
      const shipped = await status(org.admin.cookie);
      assert.equal(early.machine.classifierVersion, shipped.shippedVersion);

      await ensureReviewedLabels(t, org);
      const head = await auditHead(t);
      const res = await call(t, 'POST', '/api/monitoring/model/retrain', {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(res.statusCode, 201, res.body);
      const trained = res.json<ModelStatusDto>();
      const model = trained.organisationModel;
      assert.ok(model);
      assert.equal(model.heldOut, 8, 'one in five labels of each kind held out');
      assert.ok(model.organisationQuality.f1 >= model.shippedQuality.f1, JSON.stringify(model));
      assert.equal(model.inUse, true);
      assert.equal(model.examples, 40);
      assert.ok(model.trainingSeconds > 0);
      assert.notEqual(trained.activeVersion, trained.shippedVersion);
      assert.ok(trained.activeVersion.includes(model.version));
      assert.deepEqual(await actionsSince(t, org.id, head), ['monitoring.model_retrained']);

      // A background job labels the unreviewed comments again with the organisation's model.
      assert.equal(model.relabelled, 0, 'not yet: the job has not run');
      const [waiting] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.equal(waiting?.machine.classifierVersion, shipped.shippedVersion);
      await drainJobs();
      assert.ok(((await status(org.admin.cookie)).organisationModel?.relabelled ?? 0) >= 1);
      const [relabelled] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.equal(relabelled?.machine.classifierVersion, trained.activeVersion);
      assert.equal(relabelled?.machine.hateful, true);

      // Later imports: the word the reviewers taught is flagged, the same sentence without it is not.
      const later = await createTestItem(t, org);
      await importLines(t, org, later.id, [WITH_WORD, WITHOUT_WORD]);
      const labels = new Map(
        (await commentsOf(t, org, `itemId=${later.id}`)).map((c): [string, CommentDto] => [
          c.text,
          c,
        ]),
      );
      assert.equal(labels.get(WITH_WORD)?.machine.hateful, true);
      assert.equal(labels.get(WITHOUT_WORD)?.machine.hateful, false);
      assert.equal(labels.get(WITH_WORD)?.machine.classifierVersion, trained.activeVersion);

      // Another organisation still uses the shipped model.
      const theirs = await createTestItem(t, other);
      await importLines(t, other, theirs.id, [WITH_WORD]);
      const [theirComment] = await commentsOf(t, other, `itemId=${theirs.id}`);
      assert.equal(theirComment?.machine.classifierVersion, shipped.shippedVersion);
      assert.equal((await status(other.admin.cookie)).organisationModel, null);
    });
  });
}
