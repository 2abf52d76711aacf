// The counts of a set of items' comments: machine-flagged and human-confirmed apart, by
// category, language and day. One grouped query each; the comment columns they read are
// the machine label and the confirmed label (a copy of the latest review).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './monitoring.deps.ts';
import type { Tally } from './items.repository.ts';

interface TallyColumns {
  comments: string | number;
  machine_flagged: string | number;
  reviewed: string | number;
  confirmed_hateful: string | number;
}

const TALLY = sql`count(*) as comments,
  count(*) filter (where machine_hateful) as machine_flagged,
  count(*) filter (where reviewed_at is not null) as reviewed,
  count(*) filter (where confirmed_hateful) as confirmed_hateful`;

const inItems = (itemIds: readonly string[]): RawBuilder<unknown> =>
  sql`item_id in (${sql.join(itemIds.map((id) => sql`${id}::uuid`))})`;

export const tallyOf = (r: TallyColumns): Tally => ({
  comments: Number(r.comments),
  machineFlagged: Number(r.machine_flagged),
  reviewed: Number(r.reviewed),
  confirmedHateful: Number(r.confirmed_hateful),
});

export async function totalTally(db: Db, itemIds: readonly string[]): Promise<Tally> {
  const { rows } = await sql<TallyColumns>`
    select ${TALLY} from monitored_comments where ${inItems(itemIds)}`.execute(db);
  const [row] = rows;
  return row ? tallyOf(row) : { comments: 0, machineFlagged: 0, reviewed: 0, confirmedHateful: 0 };
}

export async function tallyByLanguage(
  db: Db,
  itemIds: readonly string[],
): Promise<(Tally & { language: string })[]> {
  const { rows } = await sql<TallyColumns & { language: string }>`
    select language, ${TALLY} from monitored_comments where ${inItems(itemIds)}
    group by language order by language`.execute(db);
  return rows.map((r) => ({ language: r.language, ...tallyOf(r) }));
}

/** By the UTC day the comment was posted; undated comments under null, last. */
export async function tallyByDay(
  db: Db,
  itemIds: readonly string[],
): Promise<(Tally & { day: string | null })[]> {
  const { rows } = await sql<TallyColumns & { day: string | null }>`
    select to_char(posted_at at time zone 'UTC', 'YYYY-MM-DD') as day, ${TALLY}
    from monitored_comments where ${inItems(itemIds)}
    group by day order by day nulls last`.execute(db);
  return rows.map((r) => ({ day: r.day, ...tallyOf(r) }));
}

/** Per category: comments the machine flagged with it, and comments confirmed with it. */
export async function countByCategory(
  db: Db,
  itemIds: readonly string[],
): Promise<Map<string, { machineFlagged: number; confirmed: number }>> {
  const { rows } = await sql<{ category: string; source: string; n: string | number }>`
    select category, source, count(*) as n from (
      select unnest(machine_categories) as category, 'machine' as source
        from monitored_comments where ${inItems(itemIds)} and machine_hateful
      union all
      select unnest(confirmed_categories) as category, 'confirmed' as source
        from monitored_comments where ${inItems(itemIds)} and confirmed_hateful
    ) as labels
    group by category, source`.execute(db);
  const out = new Map<string, { machineFlagged: number; confirmed: number }>();
  for (const r of rows) {
    const entry = out.get(r.category) ?? { machineFlagged: 0, confirmed: 0 };
    if (r.source === 'machine') entry.machineFlagged = Number(r.n);
    else entry.confirmed = Number(r.n);
    out.set(r.category, entry);
  }
  return out;
}
