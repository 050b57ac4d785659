import { Tabs } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageTitle } from '../../app/Shell';
import { EmptyState } from '../../components/states';
import { CalendarEditor, CalendarsList } from './calendars';
import { InboundTab } from './inbound';
import { InvitationsTab } from './invitations';
import { LogoTab } from './logo';
import { MailboxesTab } from './mailboxes';
import { NotificationsTab } from './notifications';
import { PoliciesList, PolicyEditor } from './policies';
import { ReadOnlyNotice, useCanEdit } from './shared';
import { SlackTab } from './slack';
import { TokensTab } from './tokens';
import { UsersTab } from './users';

const SECTIONS = [
  { value: 'calendars', label: 'Calendars' },
  { value: 'sla-policies', label: 'SLA policies' },
  { value: 'users', label: 'Users' },
  { value: 'invitations', label: 'Invitations' },
  { value: 'tokens', label: 'API tokens' },
  { value: 'slack', label: 'Slack' },
  { value: 'mailboxes', label: 'Mailboxes' },
  { value: 'inbound', label: 'Inbound' },
  { value: 'notifications', label: 'Notifications' },
  { value: 'report-logo', label: 'Report logo' },
] as const;

/** The agency's settings: one tab per section, each with its own URL under /settings. */
export default function SettingsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const section = /^\/settings\/([^/]+)/.exec(location.pathname)?.[1] ?? null;
  const active = SECTIONS.some((s) => s.value === section) ? section : null;

  return (
    <>
      <PageTitle>Settings</PageTitle>
      {!canEdit && <ReadOnlyNotice />}
      <Tabs
        value={active}
        onChange={(value) => value && void navigate(`/settings/${value}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label="Settings sections">
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTIONS.map((s) => (
          <Tabs.Panel key={s.value} value={s.value}>
            {active === s.value && <SettingsRoutes />}
          </Tabs.Panel>
        ))}
      </Tabs>
      {!active && <SettingsRoutes />}
    </>
  );
}

function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="calendars" replace />} />
      <Route path="calendars" element={<CalendarsList />} />
      <Route path="calendars/new" element={<CalendarEditor />} />
      <Route path="calendars/:id" element={<CalendarEditor />} />
      <Route path="sla-policies" element={<PoliciesList />} />
      <Route path="sla-policies/new" element={<PolicyEditor />} />
      <Route path="sla-policies/:id" element={<PolicyEditor />} />
      <Route path="users" element={<UsersTab />} />
      <Route path="invitations" element={<InvitationsTab />} />
      <Route path="tokens" element={<TokensTab />} />
      <Route path="slack" element={<SlackTab />} />
      <Route path="mailboxes" element={<MailboxesTab />} />
      <Route path="inbound" element={<InboundTab />} />
      <Route path="notifications" element={<NotificationsTab />} />
      <Route path="report-logo" element={<LogoTab />} />
      <Route path="*" element={<EmptyState title="No such settings page" />} />
    </Routes>
  );
}
