// The one query cache of the console, shared by the React tree and the router's loaders (which
// start a page's requests as soon as it is chosen, before its code has rendered).
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
});
