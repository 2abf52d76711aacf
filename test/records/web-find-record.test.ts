// Finding one record by what a member types: the screens ask the list for that one
// reference or code name (any letter case), and ask nothing for what cannot be one.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import {
  findIncidentByReference,
  findPersonByCodeName,
  incidentReferenceOf,
  personCodeNameOf,
} from '../../src/web/features/records/find-record.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Answers every request with `body` and remembers the paths asked for. */
function answerWith(body: unknown): string[] {
  const asked: string[] = [];
  globalThis.fetch = (input: string | URL | Request) => {
    asked.push(String(input));
    return Promise.resolve(Response.json(body));
  };
  return asked;
}

const at = '2026-03-01T10:00:00.000Z';

describe('finding a record by its reference', () => {
  test('what is typed is trimmed and upper-cased; what cannot be a reference is refused', () => {
    assert.equal(incidentReferenceOf(' i-7kq3 '), 'I-7KQ3');
    assert.equal(incidentReferenceOf('7KQ3'), null);
    assert.equal(incidentReferenceOf('P-7KQ3'), null);
    assert.equal(personCodeNameOf('p-4f2m'), 'P-4F2M');
    assert.equal(personCodeNameOf('Arman'), null);
  });

  test('an incident is asked for by its reference, one row', async () => {
    const id = randomUUID();
    const asked = answerWith({
      incidents: [
        {
          id,
          reference: 'I-7KQ3',
          reportId: null,
          incidentDate: null,
          datePrecision: 'unknown',
          oblast: null,
          city: null,
          placeType: null,
          onlinePlatform: null,
          incidentTypes: [],
          biasMotivations: [],
          biasIndicators: [],
          perpetratorTypes: [],
          odihrCategory: null,
          crimeStatus: 'undetermined',
          violationStatus: 'unknown',
          reportedToPolice: null,
          policeResponse: null,
          version: 1,
          createdBy: null,
          createdAt: at,
          updatedBy: null,
          updatedAt: at,
        },
      ],
      next: null,
    });
    const found = await findIncidentByReference('i-7kq3');
    assert.equal(found?.id, id);
    assert.equal(asked.length, 1);
    const url = new URL(asked[0] ?? '', 'http://x');
    assert.equal(url.pathname, '/api/incidents');
    assert.equal(url.searchParams.get('reference'), 'I-7KQ3');
    assert.equal(url.searchParams.get('limit'), '1');
  });

  test('a person is asked for by code name; none found is null', async () => {
    const asked = answerWith({ people: [], next: null });
    assert.equal(await findPersonByCodeName(' p-4f2m'), null);
    const url = new URL(asked[0] ?? '', 'http://x');
    assert.equal(url.pathname, '/api/people');
    assert.equal(url.searchParams.get('codeName'), 'P-4F2M');
  });

  test('nothing is asked for what cannot be a reference', async () => {
    const asked = answerWith({ incidents: [], people: [], next: null });
    assert.equal(await findIncidentByReference('hello'), null);
    assert.equal(await findPersonByCodeName('I-7KQ3'), null);
    assert.deepEqual(asked, []);
  });
});
