// Edit conflicts, field by field. When a save answers 409 edit_conflict, the page holds
// three versions of the form: what the member loaded (base), what they typed (mine) and
// what is stored now (theirs). Nothing the member typed is dropped: their changes are
// re-applied on top of the current version, and the fields both people changed are shown
// side by side so the member chooses.

export type FieldChange = 'mine' | 'theirs' | 'both' | 'same';

export interface FieldComparison<K extends string = string> {
  field: K;
  /** Who changed it since the member loaded the record. */
  change: FieldChange;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

/** Equality of form values: strings, numbers, booleans, arrays and plain objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

/** Every field that someone changed, with who changed it; untouched fields are left out. */
export function compareEdits<T extends object>(
  base: T,
  mine: T,
  theirs: T,
): FieldComparison<Extract<keyof T, string>>[] {
  const out: FieldComparison<Extract<keyof T, string>>[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const field of fields as Set<Extract<keyof T, string>>) {
    const b = base[field];
    const m = mine[field];
    const t = theirs[field];
    const mineChanged = !sameValue(b, m);
    const theirsChanged = !sameValue(b, t);
    if (!mineChanged && !theirsChanged) continue;
    let change: FieldChange;
    if (mineChanged && theirsChanged) change = sameValue(m, t) ? 'same' : 'both';
    else change = mineChanged ? 'mine' : 'theirs';
    out.push({ field, change, base: b, mine: m, theirs: t });
  }
  return out;
}

/**
 * The form to save after a conflict: the current version with the member's own changes
 * on top. For a field both people changed, `keepTheirs` lists the ones where the member
 * chose the other person's value; by default the member's value wins, because it is what
 * they just typed and the other value stays in the history.
 */
export function reapplyMine<T extends object>(
  base: T,
  mine: T,
  theirs: T,
  keepTheirs: ReadonlySet<string> = new Set(),
): T {
  const merged = { ...theirs };
  for (const field of Object.keys(mine) as Extract<keyof T, string>[]) {
    if (keepTheirs.has(field)) continue;
    if (!sameValue(base[field], mine[field])) merged[field] = mine[field];
  }
  return merged;
}
