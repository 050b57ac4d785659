import { Select, Tabs } from '@mantine/core';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useClients } from '../../api/queries';
import { PageTitle } from '../../app/Shell';
import { BacklogTab } from './BacklogTab';
import { CalendarTab } from './CalendarTab';
import { SchedulesTab } from './SchedulesTab';

const TABS = [
  { value: 'calendar', path: '/maintenance', label: 'Calendar' },
  { value: 'backlog', path: '/maintenance/backlog', label: 'Backlog' },
  { value: 'schedules', path: '/maintenance/schedules', label: 'Schedules & chores' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

/**
 * The maintenance area: the calendar of windows, the backlog planned into them, and each agreement's recurring
 * windows and chores. The client filter (`?client=`) carries over from tab to tab.
 */
export default function MaintenancePage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const clients = useClients();
  const tab: TabValue =
    TABS.find((t) => t.path === location.pathname.replace(/\/$/, ''))?.value ?? 'calendar';
  const clientId = params.get('client');
  const clientList = clients.data?.items ?? [];

  const setClient = (value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set('client', value);
        else next.delete('client');
        return next;
      },
      { replace: true },
    );
  const clientFilter = (
    <Select
      label="Client"
      placeholder={
        clients.isPending ? 'Loading clients…' : tab === 'schedules' ? 'Choose a client' : 'All clients'
      }
      disabled={clients.isPending}
      data={clientList.map((client) => ({ value: client.id, label: client.name }))}
      value={clientId}
      onChange={setClient}
      clearable={tab !== 'schedules'}
      searchable
      nothingFoundMessage="No such client"
      w={{ base: '100%', xs: 260 }}
    />
  );

  return (
    <>
      <PageTitle>Maintenance</PageTitle>
      <Tabs
        value={tab}
        onChange={(value) => {
          const target = TABS.find((t) => t.value === value);
          if (target) void navigate({ pathname: target.path, search: clientId ? `?client=${clientId}` : '' });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label="Maintenance sections">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="calendar">
          <CalendarTab clientId={clientId} clients={clientList} clientFilter={clientFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="backlog">
          <BacklogTab clientId={clientId} clients={clientList} clientFilter={clientFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="schedules">
          <SchedulesTab clientId={clientId} clients={clientList} clientFilter={clientFilter} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
