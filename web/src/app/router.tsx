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
  Maintenance: lazy(() => import('../agency/maintenance/MaintenancePage')),
  MaintenanceWindow: lazy(() => import('../agency/maintenance/WindowPage')),
};
const portal = {
  Dashboard: lazy(() => import('../portal/DashboardPage')),
  Requests: lazy(() => import('../portal/RequestsPage')),
  NewRequest: lazy(() => import('../portal/NewRequestPage')),
  Request: lazy(() => import('../portal/RequestPage')),
  Maintenance: lazy(() => import('../portal/MaintenancePage')),
  MaintenanceWindow: lazy(() => import('../portal/MaintenanceWindowPage')),
  Reports: lazy(() => import('../portal/ReportsPage')),
};
const AcceptInvitation = lazy(() => import('../pages/AcceptInvitationPage'));

const AGENCY_NAV = [
  { to: '/queue', label: 'Queue' },
  { to: '/clients', label: 'Clients' },
  { to: '/maintenance', label: 'Maintenance' },
  { to: '/time', label: 'Time' },
  { to: '/settings', label: 'Settings' },
];
const PORTAL_NAV = [
  { to: '/portal', label: 'Dashboard' },
  { to: '/portal/requests', label: 'My requests' },
  { to: '/portal/requests/new', label: 'Raise a request' },
  { to: '/portal/maintenance', label: 'Maintenance' },
  { to: '/portal/reports', label: 'Reports' },
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
          { path: '/maintenance/windows/:id', element: <agency.MaintenanceWindow /> },
          { path: '/maintenance/*', element: <agency.Maintenance /> },
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
          { path: '/portal/maintenance', element: <portal.Maintenance /> },
          { path: '/portal/maintenance/windows/:id', element: <portal.MaintenanceWindow /> },
          { path: '/portal/reports', element: <portal.Reports /> },
          { path: '/portal/reports/:id', element: <portal.Reports /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
