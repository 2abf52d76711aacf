// Dates as files write them, to UTC. A date without a zone is Almaty time: UTC+5 since
// 1 March 2024, UTC+6 before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from '../../../src/server/modules/monitoring/import/index.ts';

test('ISO 8601 with a zone is exact', () => {
  assert.equal(parseDate('2025-03-01T12:00:00Z'), '2025-03-01T12:00:00.000Z');
  assert.equal(parseDate('2025-03-01T12:00:00.5+03:00'), '2025-03-01T09:00:00.500Z');
  assert.equal(parseDate('2025-03-01T12:00-0130'), '2025-03-01T13:30:00.000Z');
});

test('a date without a zone is Almaty time, with the offset of its own day', () => {
  assert.equal(parseDate('2025-03-01 12:00'), '2025-03-01T07:00:00.000Z');
  assert.equal(parseDate('2025-03-01T12:00:30'), '2025-03-01T07:00:30.000Z');
  assert.equal(parseDate('2023-07-10 12:00'), '2023-07-10T06:00:00.000Z', 'UTC+6 before 2024');
  assert.equal(parseDate('2025-03-01'), '2025-02-28T19:00:00.000Z', 'midnight in Almaty');
});

test('day.month.year, as Russian-language software writes it', () => {
  assert.equal(parseDate('01.03.2025'), '2025-02-28T19:00:00.000Z');
  assert.equal(parseDate('1.3.2025 9:05'), '2025-03-01T04:05:00.000Z');
  assert.equal(parseDate('01.03.2025, 14:05:10'), '2025-03-01T09:05:10.000Z');
});

test('Unix time in seconds or milliseconds, as a number or a string', () => {
  assert.equal(parseDate(1740830400), '2025-03-01T12:00:00.000Z');
  assert.equal(parseDate('1740830400'), '2025-03-01T12:00:00.000Z');
  assert.equal(parseDate(1740830400123), '2025-03-01T12:00:00.123Z');
  assert.equal(parseDate('1740830400123'), '2025-03-01T12:00:00.123Z');
});

test('an empty date is no date; one that cannot be read is undefined', () => {
  assert.equal(parseDate(''), null);
  assert.equal(parseDate('  '), null);
  assert.equal(parseDate(null), null);
  for (const bad of [
    'yesterday',
    '31.02.2025',
    '2025-13-01',
    '2025-01-01 24:00',
    '12/03/2025',
    true,
    {},
  ]) {
    assert.equal(parseDate(bad), undefined, String(bad));
  }
});
