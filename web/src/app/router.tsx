// Routes of the agent console. Everything but the ticket list is a separate chunk
// (lazyRouteComponent), so the first load ships only what the list needs.
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { AcceptInvitationPage } from '../features/auth/accept-invitation-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import type { RunsSearch } from '../features/rules/rule-runs-page.tsx';
import { AppShellLayout } from '../features/shell/app-shell-layout.tsx';
import { NotFoundPage } from '../features/shell/not-found-page.tsx';
import { prefetchTicketPage } from '../features/ticket/ticket-data.ts';
import { TicketListPage } from '../features/tickets-list/ticket-list-page.tsx';
import {
  type TicketListSearch,
  validateTicketListSearch,
} from '../features/tickets-list/ticket-list-search.ts';
import { queryClient } from './query-client.ts';

const rootRoute = createRootRoute({ component: () => <Outlet />, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

/** Where an invitation link leads: choose a password (no session needed). */
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invitation',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' ? { token: search.token } : {},
  component: function AcceptInvitation() {
    return <AcceptInvitationPage token={acceptInvitationRoute.useSearch().token} />;
  },
});

/** Everything an agent sees once signed in, inside the side bar layout. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppShellLayout });

/** Any other address, signed in: said inside the side bar layout. */
const notFoundRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundPage });

const ticketListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): TicketListSearch => validateTicketListSearch(search),
  component: TicketListPage,
});

const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  validateSearch: (search: Record<string, unknown>): { q?: string } =>
    typeof search.q === 'string' ? { q: search.q } : {},
  component: lazyRouteComponent(() => import('../features/tickets-list/search-page.tsx'), 'SearchPage'),
});

const viewEditorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/views/edit',
  validateSearch: (search: Record<string, unknown>): { id?: string } =>
    typeof search.id === 'string' ? { id: search.id } : {},
  component: lazyRouteComponent(
    () => import('../features/tickets-list/view-editor-page.tsx'),
    'ViewEditorPage',
  ),
});

const newTicketPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tickets/new',
  component: lazyRouteComponent(() => import('../features/new-ticket/new-ticket-page.tsx'), 'NewTicketPage'),
});

const ticketPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tickets/$ticketId',
  // The ticket and its timeline start loading with the page's code, not after it rendered.
  loader: ({ params }) => prefetchTicketPage(queryClient, params.ticketId),
  component: lazyRouteComponent(() => import('../features/ticket/ticket-page.tsx'), 'TicketPage'),
});

const ticketPrintPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tickets/$ticketId/print',
  component: lazyRouteComponent(() => import('../features/ticket/ticket-print-page.tsx'), 'TicketPrintPage'),
});

const contactsPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  component: lazyRouteComponent(() => import('../features/customers/contacts-page.tsx'), 'ContactsPage'),
});

const contactPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  component: lazyRouteComponent(() => import('../features/customers/contact-page.tsx'), 'ContactPage'),
});

const organizationsPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations',
  component: lazyRouteComponent(
    () => import('../features/customers/organizations-page.tsx'),
    'OrganizationsPage',
  ),
});

const organizationPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$organizationId',
  component: lazyRouteComponent(
    () => import('../features/customers/organization-page.tsx'),
    'OrganizationPage',
  ),
});

const productsPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products',
  component: lazyRouteComponent(() => import('../features/customers/products-page.tsx'), 'ProductsPage'),
});

const productPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/$productId',
  component: lazyRouteComponent(() => import('../features/customers/product-page.tsx'), 'ProductPage'),
});

// SLA administration (S1, S2): calendars and policies, administrators only.
const slaCalendarsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sla/calendars',
  component: lazyRouteComponent(
    () => import('../features/sla-admin/calendar-list-page.tsx'),
    'CalendarListPage',
  ),
});

const slaCalendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sla/calendars/$calendarId',
  component: lazyRouteComponent(
    () => import('../features/sla-admin/calendar-editor-page.tsx'),
    'CalendarEditorPage',
  ),
});

const slaPoliciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sla/policies',
  component: lazyRouteComponent(() => import('../features/sla-admin/policy-list-page.tsx'), 'PolicyListPage'),
});

const slaPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sla/policies/$policyId',
  component: lazyRouteComponent(
    () => import('../features/sla-admin/policy-editor-page.tsx'),
    'PolicyEditorPage',
  ),
});

// Team administration (A1–A6): agents, roles, profiles, groups, departments, sharing rules.
const teamAgentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/agents',
  component: lazyRouteComponent(() => import('../features/team-admin/agents-page.tsx'), 'AgentsPage'),
});

const teamRolesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/roles',
  component: lazyRouteComponent(() => import('../features/team-admin/roles-page.tsx'), 'RolesPage'),
});

const teamProfilesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/profiles',
  component: lazyRouteComponent(() => import('../features/team-admin/profiles-page.tsx'), 'ProfilesPage'),
});

const teamProfileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/profiles/$profileId',
  component: lazyRouteComponent(
    () => import('../features/team-admin/profile-editor-page.tsx'),
    'ProfileEditorPage',
  ),
});

const teamGroupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/groups',
  component: lazyRouteComponent(() => import('../features/team-admin/groups-page.tsx'), 'GroupsPage'),
});

const teamDepartmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/departments',
  component: lazyRouteComponent(
    () => import('../features/team-admin/departments-page.tsx'),
    'DepartmentsPage',
  ),
});

const teamSharingRulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/team/sharing-rules',
  component: lazyRouteComponent(
    () => import('../features/team-admin/sharing-rules-page.tsx'),
    'SharingRulesPage',
  ),
});

// Automation (W1–W5 rules, C5/Z3 webhooks; macros join here): administrators only.
const rulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/rules',
  component: lazyRouteComponent(() => import('../features/rules/rules-page.tsx'), 'RulesPage'),
});

const ruleRunsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/rules/runs',
  validateSearch: (search: Record<string, unknown>): RunsSearch => ({
    ...(typeof search.ruleId === 'string' ? { ruleId: search.ruleId } : {}),
    ...(typeof search.ticketId === 'string' ? { ticketId: search.ticketId } : {}),
    ...(search.matched === 'yes' || search.matched === 'no' ? { matched: search.matched } : {}),
  }),
  component: lazyRouteComponent(() => import('../features/rules/rule-runs-page.tsx'), 'RuleRunsPage'),
});

const ruleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/rules/$ruleId',
  component: lazyRouteComponent(() => import('../features/rules/rule-editor-page.tsx'), 'RuleEditorPage'),
});

const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/webhooks',
  component: lazyRouteComponent(() => import('../features/webhooks/webhooks-page.tsx'), 'WebhooksPage'),
});

const webhookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/webhooks/$webhookId',
  component: lazyRouteComponent(() => import('../features/webhooks/webhook-page.tsx'), 'WebhookPage'),
});

// Macros (W3): every agent's own and the shared ones; the same page under Automation for administrators.
const macrosRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account/macros',
  component: lazyRouteComponent(() => import('../features/macros/macros-page.tsx'), 'MacrosPage'),
});

const adminMacrosRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/automation/macros',
  component: lazyRouteComponent(() => import('../features/macros/macros-page.tsx'), 'MacrosPage'),
});

// Your account: profile, API tokens, sessions.
const accountProfileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account/profile',
  component: lazyRouteComponent(() => import('../features/account/profile-page.tsx'), 'ProfilePage'),
});

const accountTokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account/tokens',
  component: lazyRouteComponent(() => import('../features/account/tokens-page.tsx'), 'TokensPage'),
});

const accountSessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account/sessions',
  component: lazyRouteComponent(() => import('../features/account/sessions-page.tsx'), 'SessionsPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  acceptInvitationRoute,
  appRoute.addChildren([
    ticketListRoute,
    searchRoute,
    viewEditorRoute,
    newTicketPageRoute,
    ticketPageRoute,
    ticketPrintPageRoute,
    contactsPageRoute,
    contactPageRoute,
    organizationsPageRoute,
    organizationPageRoute,
    productsPageRoute,
    productPageRoute,
    slaCalendarsRoute,
    slaCalendarRoute,
    slaPoliciesRoute,
    slaPolicyRoute,
    teamAgentsRoute,
    teamRolesRoute,
    teamProfilesRoute,
    teamProfileRoute,
    teamGroupsRoute,
    teamDepartmentsRoute,
    teamSharingRulesRoute,
    rulesRoute,
    ruleRunsRoute,
    ruleRoute,
    webhooksRoute,
    webhookRoute,
    macrosRoute,
    adminMacrosRoute,
    accountProfileRoute,
    accountTokensRoute,
    accountSessionsRoute,
    notFoundRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

export function AppRouter(): ReactElement {
  return <RouterProvider router={router} />;
}
