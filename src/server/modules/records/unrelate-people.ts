import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteRelation, findRelation } from './people.repository.ts';
import { locatePerson } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';

/** Removes a relation, from either of its two people. */
export async function unrelatePeople(options: {
  deps: RecordsDeps;
  actor: Actor;
  personId: string;
  relationId: string;
}): Promise<void> {
  const { deps, actor, personId, relationId } = options;
  await deps.db.transaction().execute(async (trx) => {
    await locatePerson(trx, actor, 'records.write', personId);
    const relation = await findRelation(trx, relationId);
    if (!relation || (relation.person_id !== personId && relation.related_person_id !== personId)) {
      throw notFound('The relation');
    }
    await deleteRelation(trx, relationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'person.unrelated',
      objectType: 'person',
      objectId: personId,
      fields: { relationId, relation: relation.relation },
    });
  });
}
