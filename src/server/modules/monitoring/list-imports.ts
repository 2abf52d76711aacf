import type { ImportResultDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listImportsOfItem } from './imports.repository.ts';
import { findItem } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';
import { presentImport } from './monitoring.presenter.ts';

/** An item's imports, newest first, with their counts and kept problems (monitoring.read). */
export async function listImports(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId: string;
}): Promise<ImportResultDto[]> {
  const { deps, actor, itemId } = options;
  authoriseRow(actor, 'monitoring.read', await findItem(deps.db, itemId), 'The monitored item');
  return (await listImportsOfItem(deps.db, itemId)).map(presentImport);
}
