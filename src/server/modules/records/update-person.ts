import type { UpdatePersonInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findPerson } from './people.repository.ts';
import { locatePerson } from './locate.ts';
import { loadPersonView } from './person-view.ts';
import type { RecordsDeps } from './records.deps.ts';
import { PERSON_SPEC, writeVersion } from './versioned.ts';

/** Changes the fields of a person the member edited, if still at the version they opened. */
export async function updatePerson(options: {
  deps: RecordsDeps;
  actor: Actor;
  personId: string;
  /** The parsed request body: changed fields and the version being edited. */
  input: UpdatePersonInput;
}) {
  const { deps, actor, personId } = options;
  const { expectedVersion, ...values } = options.input;
  return deps.db.transaction().execute(async (trx) => {
    const person = await locatePerson(trx, actor, 'records.write', personId, true);
    const written = await writeVersion(trx, PERSON_SPEC, {
      row: person,
      values,
      expectedVersion,
      memberId: actor.memberId,
      now: deps.now(),
      changeKind: 'update',
    });
    if (written.changedFields.length > 0) {
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'person.updated',
        objectType: 'person',
        objectId: personId,
        fields: { version: written.version, changedFields: written.changedFields },
      });
    }
    const updated = await findPerson(trx, personId);
    if (!updated) throw new Error('the person disappeared inside its transaction');
    return loadPersonView(trx, updated, actor.organisationId);
  });
}
