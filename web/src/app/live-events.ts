// Live updates (N4): the server's event stream invalidates the ticket queries that changed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export function useLiveTicketEvents(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/v1/events');
    let pending: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('ticket', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { ticketId: string };
      void queryClient.invalidateQueries({ queryKey: ['ticket', data.ticketId] });
      // Lists and counts refresh at most a few times a second, however busy the desk is.
      pending ??= setTimeout(() => {
        pending = null;
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      }, 300);
    });
    return () => {
      source.close();
      if (pending) clearTimeout(pending);
    };
  }, [enabled, queryClient]);
}
