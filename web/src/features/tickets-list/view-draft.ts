// "Save as view" hands the list's current filter, sort and columns to the view editor.
import type { Condition } from './built-in-views.ts';

export interface ViewDraft {
  name?: string;
  condition: Condition;
  sort: string;
  columns: string[];
}

const KEY = 'caseway.viewDraft';

export function stashViewDraft(draft: ViewDraft): void {
  sessionStorage.setItem(KEY, JSON.stringify(draft));
}

/** The draft handed over, if any (it stays until clearViewDraft, so a re-render reads it again). */
export function peekViewDraft(): ViewDraft | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as ViewDraft;
    return draft && typeof draft === 'object' && draft.condition ? draft : null;
  } catch {
    return null;
  }
}

export function clearViewDraft(): void {
  sessionStorage.removeItem(KEY);
}
