import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { locatePerson } from './locate.ts';
import { loadPersonView } from './person-view.ts';
import type { RecordsDeps } from './records.deps.ts';

/** A person with their sealed fields, relations and appearances; audited (`person.viewed`). */
export async function getPerson(options: { deps: RecordsDeps; actor: Actor; personId: string }) {
  const { deps, actor, personId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const person = await locatePerson(trx, actor, 'records.read', personId);
    const view = await loadPersonView(trx, person, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'person.viewed',
      objectType: 'person',
      objectId: personId,
    });
    return view;
  });
}
