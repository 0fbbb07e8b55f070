// Routes of the agent console. Rarely used screens are separate chunks (lazyRouteComponent).
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { AppShellLayout } from '../features/shell/app-shell-layout.tsx';
import { TicketListPage } from '../features/tickets/ticket-list-page.tsx';
import { type TicketListSearch, validateTicketListSearch } from '../features/tickets/ticket-list-search.ts';

const rootRoute = createRootRoute({ component: () => <Outlet /> });

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

/** Everything an agent sees once signed in, inside the side bar layout. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppShellLayout });

export const ticketListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): TicketListSearch => validateTicketListSearch(search),
  component: TicketListPage,
});

export const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tickets/$ticketId',
  component: lazyRouteComponent(() => import('../features/tickets/ticket-page.tsx'), 'TicketPage'),
});

const routeTree = rootRoute.addChildren([signInRoute, appRoute.addChildren([ticketListRoute, ticketRoute])]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

export function AppRouter() {
  return <RouterProvider router={router} />;
}
