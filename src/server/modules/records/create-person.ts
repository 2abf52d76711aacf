import type { CreatePersonInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { codeNameTaken, findPerson, insertPerson } from './people.repository.ts';
import { loadPersonView } from './person-view.ts';
import { newCode } from './record-helpers.ts';
import { insertRecordKey } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';
import { envelopeBytes, PERSON_SPEC, sealedOrNull, writeFirstVersion } from './versioned.ts';

/**
 * Records a person (victim, perpetrator, witness, source). Staff see a code name the server
 * generates ("P-7KQ3", unique in the organisation); the name, contacts and details are
 * sealed under the person's own record key, made in the browser.
 */
export async function createPerson(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed request body. */
  input: CreatePersonInput;
}) {
  const { deps, actor, input } = options;
  authoriseRecords(actor, 'records.write');
  return deps.db.transaction().execute(async (trx) => {
    if (await findPerson(trx, input.id)) {
      throw conflict('id_taken', 'A record with this id exists. Create it again with a new id.');
    }
    const now = deps.now();
    const codeName = await newCode('P', (code) => codeNameTaken(trx, actor.organisationId, code));
    await insertPerson(trx, {
      id: input.id,
      organisation_id: actor.organisationId,
      code_name: codeName,
      roles: input.roles,
      perpetrator_type: input.perpetratorType,
      age_group: input.ageGroup,
      sealed_name: sealedOrNull(input.sealedName, 'sealedName'),
      sealed_contacts: sealedOrNull(input.sealedContacts, 'sealedContacts'),
      sealed_details: sealedOrNull(input.sealedDetails, 'sealedDetails'),
      created_by: actor.memberId,
      created_at: now,
    });
    await insertRecordKey(trx, {
      recordId: input.id,
      recordType: 'person',
      organisationId: actor.organisationId,
      sealedKey: envelopeBytes(input.sealedRecordKey, 'sealedRecordKey'),
      now,
    });
    const person = await findPerson(trx, input.id);
    if (!person) throw new Error('the new person disappeared inside its transaction');
    await writeFirstVersion(trx, PERSON_SPEC, person, actor.memberId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'person.created',
      objectType: 'person',
      objectId: input.id,
      fields: { codeName },
    });
    return loadPersonView(trx, person, actor.organisationId);
  });
}
