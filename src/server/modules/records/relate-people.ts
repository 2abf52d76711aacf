import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createPersonRelation } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findPerson, findRelation, insertRelation, relationExists } from './people.repository.ts';
import { locatePerson } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';
import { requireReferenced } from './records.policy.ts';

/**
 * Records how two people of the organisation are related: "<person> is <relation>
 * <related person>" (father of, partner of, holds captive). Both people show it.
 */
export async function relatePeople(options: {
  deps: RecordsDeps;
  actor: Actor;
  personId: string;
  /** The parsed request body. */
  input: z.output<typeof createPersonRelation>;
}) {
  const { deps, actor, personId, input } = options;
  return deps.db.transaction().execute(async (trx) => {
    await locatePerson(trx, actor, 'records.write', personId);
    if (input.relatedPersonId === personId) {
      throw badRequest('relation_to_self', 'A person cannot be related to themself.');
    }
    const other = await findPerson(trx, input.relatedPersonId);
    requireReferenced(actor, other, 'person_unknown', 'The related person was not found.');
    if (await relationExists(trx, personId, input.relatedPersonId, input.relation)) {
      throw conflict('relation_exists', 'This relation is already recorded.');
    }
    const id = randomUUID();
    await insertRelation(trx, {
      id,
      organisation_id: actor.organisationId,
      person_id: personId,
      related_person_id: input.relatedPersonId,
      relation: input.relation,
      created_by: actor.memberId,
      created_at: deps.now(),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'person.related',
      objectType: 'person',
      objectId: personId,
      fields: {
        relationId: id,
        relatedPersonId: input.relatedPersonId,
        relation: input.relation,
      },
    });
    const relation = await findRelation(trx, id);
    if (!relation) throw new Error('the new relation disappeared inside its transaction');
    return relation;
  });
}
