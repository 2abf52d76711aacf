// Settings read from the environment: a mistake must stop the start with a message that
// names the variable, never leave a reporter on a broken page or a file limit of NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../src/server/config.ts';
import {
  evidenceFromEnvironment,
  maxFileFromEnvironment,
  quickExitFromEnvironment,
  smtpFromEnvironment,
} from '../../src/server/runtime.ts';
import { listeningOrigin } from '../../src/cli/commands/options.ts';

test('QORGAN_MAX_FILE_MB sets the file limit in whole megabytes', () => {
  assert.deepEqual(maxFileFromEnvironment({}), {});
  assert.deepEqual(maxFileFromEnvironment({ QORGAN_MAX_FILE_MB: '25' }), {
    maxFileBytes: 25 * 1024 * 1024,
  });
  for (const bad of ['0', '-5', '1.5', 'ten', '5000']) {
    assert.throws(
      () => maxFileFromEnvironment({ QORGAN_MAX_FILE_MB: bad }),
      /QORGAN_MAX_FILE_MB/,
      bad,
    );
  }
});

test('QORGAN_QUICK_EXIT_URL must be an absolute web address', () => {
  assert.deepEqual(quickExitFromEnvironment({}), {});
  assert.deepEqual(quickExitFromEnvironment({ QORGAN_QUICK_EXIT_URL: 'https://example.org/x' }), {
    quickExitUrl: 'https://example.org/x',
  });
  for (const bad of ['example.org', 'javascript:alert(1)', 'file:///etc/passwd']) {
    assert.throws(
      () => quickExitFromEnvironment({ QORGAN_QUICK_EXIT_URL: bad }),
      /QORGAN_QUICK_EXIT_URL/,
    );
  }
});

test('QORGAN_SMTP_URL needs QORGAN_SMTP_FROM', () => {
  assert.equal(smtpFromEnvironment({}), null);
  assert.deepEqual(
    smtpFromEnvironment({ QORGAN_SMTP_URL: 'smtp://127.0.0.1:25', QORGAN_SMTP_FROM: 'q@x.org' }),
    { url: 'smtp://127.0.0.1:25', from: 'q@x.org' },
  );
  assert.throws(() => smtpFromEnvironment({ QORGAN_SMTP_URL: 'smtp://127.0.0.1:25' }), /FROM/);
});

test('printed links carry the port the server listens on unless QORGAN_PUBLIC_ORIGIN is set', () => {
  assert.deepEqual(listeningOrigin('127.0.0.1', 18473, {}), {
    publicOrigin: 'http://127.0.0.1:18473',
  });
  assert.deepEqual(listeningOrigin('::1', 8080, {}), { publicOrigin: 'http://[::1]:8080' });
  assert.deepEqual(
    listeningOrigin('127.0.0.1', 18473, { QORGAN_PUBLIC_ORIGIN: 'https://q.example.org' }),
    {},
  );
});

test('QORGAN_EVIDENCE_MAX_GB sets the largest evidence file, and a bad value stops the start', async () => {
  const defaults = defaultConfig().evidence;
  assert.equal((await evidenceFromEnvironment(defaults, {})).maxFileBytes, 8 * 1024 ** 3);
  assert.equal(
    (await evidenceFromEnvironment(defaults, { QORGAN_EVIDENCE_MAX_GB: '20' })).maxFileBytes,
    20 * 1024 ** 3,
  );
  for (const bad of ['0', '2.5', 'lots', '5000']) {
    await assert.rejects(
      evidenceFromEnvironment(defaults, { QORGAN_EVIDENCE_MAX_GB: bad }),
      /QORGAN_EVIDENCE_MAX_GB must be a whole number of gigabytes/,
    );
  }
});
