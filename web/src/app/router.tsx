import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { HomeRedirect, RequireRole } from './guards';
import { Shell } from './Shell';

// Each area loads on first visit, so a client's first load carries only the portal.
const agency = {
  Queue: lazy(() => import('../agency/queue/QueuePage')),
  Ticket: lazy(() => import('../agency/ticket/TicketPage')),
  Clients: lazy(() => import('../agency/clients/ClientsPage')),
  Client: lazy(() => import('../agency/clients/ClientPage')),
  Time: lazy(() => import('../agency/time/TimePage')),
  Settings: lazy(() => import('../agency/settings/SettingsPage')),
};
const portal = {
  Dashboard: lazy(() => import('../portal/DashboardPage')),
  Requests: lazy(() => import('../portal/RequestsPage')),
  NewRequest: lazy(() => import('../portal/NewRequestPage')),
  Request: lazy(() => import('../portal/RequestPage')),
};
const AcceptInvitation = lazy(() => import('../pages/AcceptInvitationPage'));

const AGENCY_NAV = [
  { to: '/queue', label: 'Queue' },
  { to: '/clients', label: 'Clients' },
  { to: '/time', label: 'Time' },
  { to: '/settings', label: 'Settings' },
];
const PORTAL_NAV = [
  { to: '/portal', label: 'Dashboard' },
  { to: '/portal/requests', label: 'My requests' },
  { to: '/portal/requests/new', label: 'Raise a request' },
];

export const router = createBrowserRouter([
  { path: '/', element: <HomeRedirect /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/invitations/accept', element: <AcceptInvitation /> },
  {
    element: <RequireRole agency />,
    children: [
      {
        element: <Shell nav={AGENCY_NAV} home="/queue" />,
        children: [
          { path: '/queue', element: <agency.Queue /> },
          { path: '/tickets/:id', element: <agency.Ticket /> },
          { path: '/clients', element: <agency.Clients /> },
          { path: '/clients/:id', element: <agency.Client /> },
          { path: '/time', element: <agency.Time /> },
          { path: '/settings/*', element: <agency.Settings /> },
        ],
      },
    ],
  },
  {
    element: <RequireRole agency={false} />,
    children: [
      {
        element: <Shell nav={PORTAL_NAV} home="/portal" />,
        children: [
          { path: '/portal', element: <portal.Dashboard /> },
          { path: '/portal/requests', element: <portal.Requests /> },
          { path: '/portal/requests/new', element: <portal.NewRequest /> },
          { path: '/portal/requests/:id', element: <portal.Request /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
