// Editing a loaded record with optimistic concurrency. Save sends what changed with the
// version the member loaded; a 409 edit_conflict means someone saved in between: the
// page reloads the current version, keeps everything the member typed, re-applies it on
// top, and shows field by field who changed what, so the member saves again knowingly.
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { compareEdits, reapplyMine, type FieldComparison } from './conflict.ts';
import type { Loaded } from './forms.ts';

export interface Conflict<F> {
  /** What the member had loaded before editing. */
  base: F;
  /** What the member had typed. */
  mine: F;
  /** What is stored now. */
  theirs: F;
  fields: FieldComparison<Extract<keyof F, string>>[];
}

export interface Editor<F> {
  loaded: Loaded<F>;
  form: F;
  setForm: (form: F | ((previous: F) => F)) => void;
  dirty: boolean;
  saving: boolean;
  error: unknown;
  conflict: Conflict<F> | null;
  /** For a field both people changed: take the other person's value instead of mine. */
  takeTheirs: (field: Extract<keyof F, string>) => void;
  takeMine: (field: Extract<keyof F, string>) => void;
  save: () => Promise<boolean>;
  /** Replace what is loaded (after a restore or a save elsewhere), dropping edits. */
  reset: (loaded: Loaded<F>) => void;
}

export function isEditConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === 'edit_conflict';
}

/**
 * `send` saves the edited form against the loaded one and returns the newly stored state
 * (or null when there was nothing to send); `reload` fetches and opens the current version.
 */
export function useRecordEditor<F extends object>(
  initial: Loaded<F>,
  send: (loaded: Loaded<F>, edited: F) => Promise<Loaded<F> | null>,
  reload: () => Promise<Loaded<F>>,
): Editor<F> {
  const [loaded, setLoaded] = useState(initial);
  const [form, setForm] = useState(initial.form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict<F> | null>(null);

  const save = useCallback(async () => {
    setSaving(true);
    setError(null);
    try {
      const stored = await send(loaded, form);
      if (stored) {
        setLoaded(stored);
        setForm(stored.form);
      }
      setConflict(null);
      return true;
    } catch (caught) {
      if (!isEditConflict(caught)) {
        setError(caught);
        return false;
      }
      try {
        const current = await reload();
        const mine = form;
        setConflict({
          base: loaded.form,
          mine,
          theirs: current.form,
          fields: compareEdits(loaded.form, mine, current.form),
        });
        // The next save goes against the current version, with the member's edits on top.
        setLoaded(current);
        setForm(reapplyMine(loaded.form, mine, current.form));
      } catch (reloadError) {
        setError(reloadError);
      }
      return false;
    } finally {
      setSaving(false);
    }
  }, [form, loaded, reload, send]);

  const pick = (field: Extract<keyof F, string>, from: 'mine' | 'theirs') => {
    if (!conflict) return;
    const source = from === 'mine' ? conflict.mine : conflict.theirs;
    setForm((previous) => ({ ...previous, [field]: source[field] }));
  };

  return {
    loaded,
    form,
    setForm,
    dirty: JSON.stringify(form) !== JSON.stringify(loaded.form),
    saving,
    error,
    conflict,
    takeTheirs: (field) => pick(field, 'theirs'),
    takeMine: (field) => pick(field, 'mine'),
    save,
    reset: (next) => {
      setLoaded(next);
      setForm(next.form);
      setConflict(null);
      setError(null);
    },
  };
}
