// "View as" (A8): an administrator previews the console as another agent. While it lasts, every
// API request carries X-Caseway-View-As: the server answers reads as that agent and refuses
// changes, so the preview is read-only by construction. Kept for the browser tab only.
const KEY = 'caseway.viewAs';
export const VIEW_AS_HEADER = 'x-caseway-view-as';

export interface ViewAs {
  agentId: string;
  agentName: string;
}

export function currentViewAs(): ViewAs | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<ViewAs>;
    return typeof v.agentId === 'string' && typeof v.agentName === 'string'
      ? { agentId: v.agentId, agentName: v.agentName }
      : null;
  } catch {
    return null;
  }
}

/** Ends the preview without reloading (signing out). */
export function forgetViewAs(): void {
  sessionStorage.removeItem(KEY);
}

/** Starts or ends the preview and reloads the console, so nothing of the other view stays. */
export function setViewAs(next: ViewAs | null, to = '/'): void {
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  window.location.assign(to);
}

/** Requests that stay the administrator's own: the explanation, signing out, the live stream. */
export function viewAsApplies(url: string): boolean {
  const path = new URL(url, window.location.origin).pathname;
  return (
    path.startsWith('/api/v1/') &&
    !path.startsWith('/api/v1/access/explain') &&
    !path.startsWith('/api/v1/auth/') &&
    path !== '/api/v1/events'
  );
}
