// Opt-in notification e-mails, sent through a real SMTP server on 127.0.0.1: each member
// who set an address gets one neutral message in their own language, and it says nothing a
// reader of their inbox could use: no organisation, no report reference, no content. The
// address itself never reaches a log line or the jobs table, even when sending fails.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Locale } from '../../src/common/api/accounts.ts';
import type { SmtpConfig } from '../../src/server/config.ts';
import { jobDefinitions } from '../../src/server/jobs/registry.ts';
import { jobRunner } from '../../src/server/jobs/worker.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createMailer, type Mailer } from '../../src/server/mail/mailer.ts';
import { NOTIFICATION_EMAIL } from '../../src/server/mail/notification-email.ts';
import { sendNotificationEmail } from '../../src/server/jobs/definitions/send-notification-email.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestMember } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { createTestReport, notifyAbout } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server that keeps every message; refuses recipients containing "refused". */
async function startSmtp(): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate for the client to reject.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.includes('refused')) {
        const error = Object.assign(new Error(`mailbox ${address.address} unavailable`), {
          responseCode: 550,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers and the decoded plain-text body of a single-part message. */
function parseMail(raw: string): { subject: string; contentType: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headerText)?.[1]?.trim() ?? '';
  const subject = header('Subject')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { subject, contentType: header('Content-Type'), text: text.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i += 1) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A logger whose lines are kept in memory. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (l: string) => lines.push(l) },
  });
  return { logger, lines };
}

const canary = () => `canary-${randomBytes(8).toString('hex')}`;
const FROM = 'notifications@mail.example.org';
const ORIGIN = 'https://app.example.org';

for (const engine of engines()) {
  describe(`notification e-mails (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let smtpConfig: SmtpConfig;
    before(async () => {
      smtp = await startSmtp();
      smtpConfig = { url: `smtp://127.0.0.1:${smtp.port}`, from: FROM };
      database = await engine.open();
      t = await createTestApp(database, { publicOrigin: ORIGIN, smtp: smtpConfig });
    });
    after(async () => {
      await t.close();
      await database.close();
      await smtp.stop();
    });

    /** Runs every due job with these services, as the server's worker would. */
    const drain = async (mailer: Mailer, logger = createLogger({ level: 'silent' })) => {
      const run = jobRunner({
        db: t.database.db,
        engine: t.database.engine,
        definitions: jobDefinitions,
        logger,
        now: t.clock.now,
        services: { mailer, secrets: t.secrets, config: t.config },
      });
      while (await run()) {
        // each call ran one job
      }
    };
    const optIn = async (member: TestMember, locale: Locale = 'en') => {
      const address = `${member.role}-${randomBytes(4).toString('hex')}@inbox.example.net`;
      if (locale !== 'en') {
        const res = await call(t, 'PATCH', '/api/me', {
          cookie: member.cookie,
          payload: { locale },
        });
        assert.equal(res.statusCode, 200, res.body);
      }
      const res = await call(t, 'PUT', '/api/me/notification-email', {
        cookie: member.cookie,
        payload: { email: address },
      });
      assert.equal(res.statusCode, 200, res.body);
      return address;
    };
    const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));

    test('each member who opted in gets one neutral e-mail in their language, with nothing from the report', async () => {
      const orgName = `Радуга ${canary()}`;
      const org = await createOrganisation(t, orgName);
      const coordinator = await addMember(t, org, 'coordinator');
      const lawyer = await addMember(t, org, 'lawyer');
      const silent = await addMember(t, org, 'case_worker');
      const addresses = new Map<Locale, string>([
        ['en', await optIn(org.admin)],
        ['ru', await optIn(coordinator, 'ru')],
        ['kk', await optIn(lawyer, 'kk')],
      ]);
      const secrets = { narrative: canary(), contact: canary(), city: canary(), file: canary() };
      const report = await createTestReport(t, org, {
        details: { narrative: `He said ${secrets.narrative}`, contact: secrets.contact },
        answers: { city: secrets.city, incidentTypes: ['family_confinement'] },
        files: [{ name: `${secrets.file}.jpg`, type: 'image/jpeg', bytes: randomBytes(100) }],
      });
      const mailer = createMailer(smtpConfig, createLogger({ level: 'silent' }));
      await notifyAbout(t, org, report);
      await drain(mailer);
      mailer.close();

      for (const [locale, address] of addresses) {
        const messages = to(address);
        assert.equal(messages.length, 1, `${locale}: one e-mail`);
        const [message] = messages;
        assert.ok(message);
        assert.equal(message.from, FROM);
        const mail = parseMail(message.raw);
        const wording = NOTIFICATION_EMAIL[locale];
        assert.equal(mail.subject, wording.subject, `${locale} subject`);
        assert.equal(mail.text.trim(), wording.body.replace('{link}', `${ORIGIN}/app/`), locale);
        assert.match(mail.contentType, /^text\/plain/);
        const forbidden = [
          ...Object.values(secrets),
          report.reference,
          report.reportId,
          org.id,
          org.slug,
          orgName,
          orgName.split(' ')[1] ?? orgName,
          'family_confinement',
          'qorgan',
        ];
        for (const text of [message.raw, mail.subject, mail.text]) {
          for (const value of forbidden) {
            assert.ok(
              !text.toLowerCase().includes(value.toLowerCase()),
              `${locale}: the e-mail contains ${value}`,
            );
          }
        }
      }
      assert.notEqual(NOTIFICATION_EMAIL.ru.subject, NOTIFICATION_EMAIL.kk.subject);
      assert.equal(
        smtp.received.filter((m) => m.raw.includes(silent.email)).length,
        0,
        'a member who did not opt in gets nothing',
      );
      const jobs = await t.database.db
        .selectFrom('jobs')
        .select(['done_at', 'failed_at'])
        .where('kind', '=', sendNotificationEmail.kind)
        .execute();
      assert.ok(jobs.every((j) => j.done_at && !j.failed_at));
    });

    test('a member who turned e-mails off, or lost the role, before the job ran gets nothing', async () => {
      const org = await createOrganisation(t);
      const changedMind = await addMember(t, org, 'case_worker');
      const demoted = await addMember(t, org, 'case_worker');
      const stays = await addMember(t, org, 'case_worker');
      const addresses = [await optIn(changedMind), await optIn(demoted), await optIn(stays)];
      await notifyAbout(t, org, await createTestReport(t, org));
      await call(t, 'PUT', '/api/me/notification-email', {
        cookie: changedMind.cookie,
        payload: { email: null },
      });
      await call(t, 'PATCH', `/api/members/${demoted.id}`, {
        cookie: org.admin.cookie,
        payload: { role: 'viewer' },
      });
      const mailer = createMailer(smtpConfig, createLogger({ level: 'silent' }));
      await drain(mailer);
      mailer.close();
      assert.deepEqual(
        addresses.map((a) => to(a).length),
        [0, 0, 1],
      );
    });

    test('without SMTP settings the job completes without sending and says so once', async () => {
      const org = await createOrganisation(t);
      const first = await optIn(org.admin);
      const second = await optIn(await addMember(t, org, 'coordinator'));
      const { logger, lines } = capturedLogger();
      const mailer = createMailer(null, logger);
      await notifyAbout(t, org, await createTestReport(t, org));
      await drain(mailer, logger);
      assert.deepEqual([to(first).length, to(second).length], [0, 0]);
      const jobs = await t.database.db
        .selectFrom('jobs')
        .select(['done_at', 'failed_at', 'last_error'])
        .where('kind', '=', sendNotificationEmail.kind)
        .where('done_at', 'is', null)
        .execute();
      assert.deepEqual(jobs, [], 'every job is done');
      const told = lines.filter((l) => l.includes('e-mail is not configured'));
      assert.equal(told.length, 1, lines.join(''));
      for (const address of [first, second]) {
        assert.ok(!lines.join('').includes(address), 'no address in the log');
      }
    });

    test('a refused recipient fails the attempt without the address in the log or the jobs table', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'case_worker');
      const address = `refused-${randomBytes(4).toString('hex')}@inbox.example.net`;
      const set = await call(t, 'PUT', '/api/me/notification-email', {
        cookie: member.cookie,
        payload: { email: address },
      });
      assert.equal(set.statusCode, 200);
      const { logger, lines } = capturedLogger();
      const mailer = createMailer(smtpConfig, logger);
      await notifyAbout(t, org, await createTestReport(t, org));
      await drain(mailer, logger);
      mailer.close();

      const job = await t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', sendNotificationEmail.kind)
        .where('payload', '=', { memberId: member.id })
        .executeTakeFirstOrThrow();
      assert.equal(job.done_at, null);
      assert.equal(job.attempts, 1, 'tried once, to be retried later');
      assert.match(job.last_error ?? '', /MailSendError: sending the e-mail failed.*SMTP 550/);
      const everything = JSON.stringify(job) + lines.join('');
      assert.ok(lines.some((l) => l.includes('job failed; will retry')));
      assert.ok(!everything.includes(address), 'the address is in neither');
      assert.ok(!everything.includes(address.split('@')[0] ?? address));
    });
  });
}
