// Saving ticket fields (T4, R4): every save carries the version the agent edited. Saves run one
// after another; a save made on a version that only this page moved on (its own earlier saves) is
// sent on the newer version, anything else changed by someone else is refused by the server (409)
// and the fresh ticket from the answer replaces the cached one — never silently overwritten.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import { type TicketPatch, ticketKey } from './ticket-data.ts';

export type SaveResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; conflict: Ticket | null; errors: Record<string, string>; message: string };

export interface SaveRequest {
  patch: TicketPatch;
  /** The version the agent saw when they started this edit. */
  baseVersion: number;
  /** Owner changes go through the assign command. */
  via?: 'patch' | 'assign';
}

interface TicketEditValue {
  ticket: Ticket;
  save(request: SaveRequest): Promise<SaveResult>;
  /** Validation messages of the last failed save, by field path (`status`, `custom.caseType`). */
  fieldErrors: Record<string, string>;
  /** Records versions this page produced itself (a sent message), so they never count as conflicts. */
  markOwnVersion(from: number, to: number): void;
}

const TicketEditContext = createContext<TicketEditValue | null>(null);

/** `body/custom/caseType` → `custom.caseType`. */
export function fieldPath(raw: string): string {
  return raw
    .replace(/^\/+/, '')
    .replace(/^body[/.]/, '')
    .replace(/\//g, '.');
}

/** The ticket in the cache is replaced only by a newer (or the same) version. */
export function storeTicket(queryClient: ReturnType<typeof useQueryClient>, ticket: Ticket): void {
  queryClient.setQueryData<Ticket>(ticketKey(ticket.id), (old) =>
    old && old.version > ticket.version ? old : ticket,
  );
}

export function TicketEditProvider({ ticket, children }: { ticket: Ticket; children: ReactNode }) {
  const { t } = useTranslation('ticket');
  const queryClient = useQueryClient();
  const ownVersions = useRef(new Set<number>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const id = ticket.id;

  const markOwnVersion = useCallback((from: number, to: number) => {
    for (let v = from + 1; v <= to; v++) ownVersions.current.add(v);
  }, []);

  const run = useCallback(
    async ({ patch, baseVersion, via = 'patch' }: SaveRequest): Promise<SaveResult> => {
      const current = queryClient.getQueryData<Ticket>(ticketKey(id));
      let version = baseVersion;
      if (current && current.version > baseVersion) {
        let onlyMine = true;
        for (let v = baseVersion + 1; v <= current.version; v++) onlyMine &&= ownVersions.current.has(v);
        if (onlyMine) version = current.version;
      }
      const fields = Object.keys(patch).flatMap((k) =>
        k === 'custom' ? Object.keys(patch.custom ?? {}).map((c) => `custom.${c}`) : [k],
      );
      try {
        const saved =
          via === 'assign'
            ? unwrap(
                await api.POST('/api/v1/tickets/{id}/assign', {
                  params: { path: { id } },
                  body: {
                    ...(patch.ownerAgentId !== undefined ? { ownerAgentId: patch.ownerAgentId } : {}),
                    ...(patch.ownerGroupId !== undefined ? { ownerGroupId: patch.ownerGroupId } : {}),
                    version,
                  },
                }),
              )
            : unwrap(
                await api.PATCH('/api/v1/tickets/{id}', {
                  params: { path: { id } },
                  body: { ...patch, version },
                }),
              );
        markOwnVersion(version, saved.version);
        storeTicket(queryClient, saved);
        setFieldErrors((old) => {
          const next = { ...old };
          for (const f of fields) delete next[f];
          return next;
        });
        void queryClient.invalidateQueries({ queryKey: ['ticket', id, 'timeline'] });
        void queryClient.invalidateQueries({ queryKey: ['ticket', id, 'history'] });
        return { ok: true, ticket: saved };
      } catch (err) {
        if (!(err instanceof ApiError)) return { ok: false, conflict: null, errors: {}, message: t('error') };
        if (err.status === 409 && err.problem.current) {
          storeTicket(queryClient, err.problem.current);
          void queryClient.invalidateQueries({ queryKey: ['ticket', id, 'timeline'] });
          void queryClient.invalidateQueries({ queryKey: ['ticket', id, 'history'] });
          return { ok: false, conflict: err.problem.current, errors: {}, message: err.message };
        }
        const errors: Record<string, string> = {};
        for (const e of err.problem.errors ?? []) errors[fieldPath(e.field)] = e.message;
        setFieldErrors((old) => {
          const next = { ...old };
          for (const f of fields) delete next[f];
          return { ...next, ...errors };
        });
        return { ok: false, conflict: null, errors, message: err.message };
      }
    },
    [id, queryClient, t, markOwnVersion],
  );

  const save = useCallback(
    (request: SaveRequest): Promise<SaveResult> => {
      const result = queue.current.then(() => run(request));
      queue.current = result.catch(() => undefined);
      return result;
    },
    [run],
  );

  const value = useMemo(
    () => ({ ticket, save, fieldErrors, markOwnVersion }),
    [ticket, save, fieldErrors, markOwnVersion],
  );
  return <TicketEditContext.Provider value={value}>{children}</TicketEditContext.Provider>;
}

export function useTicketEdit(): TicketEditValue {
  const value = useContext(TicketEditContext);
  if (!value) throw new Error('useTicketEdit outside TicketEditProvider');
  return value;
}
