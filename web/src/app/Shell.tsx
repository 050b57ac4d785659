import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LoadingState } from '../components/states';
import { useLogout, useMe } from './auth';
import { NotificationsBell } from './NotificationsBell';
import { viewerTimeZone } from './format';

export interface NavItem {
  to: string;
  label: string;
}

/** The frame of every signed-in page: header, navigation (a drawer on phones), and the page. */
export function Shell({ nav, home }: { nav: NavItem[]; home: string }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  // The most specific item that contains the page (so /portal/requests/new is not also "Dashboard").
  const activeTo = nav
    .filter((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text component={Link} to={home} fw={700} size="lg" c="teal.8" style={{ textDecoration: 'none' }}>
              Tend
            </Text>
            {me && (
              <Text size="sm" c="dimmed" visibleFrom="xs" truncate>
                {me.organization.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me && <NotificationsBell />}
            {me && (
              <Text size="sm" visibleFrom="md" title={`Times are shown in ${viewerTimeZone()}`}>
                {me.name} · {viewerTimeZone()}
              </Text>
            )}
            <Button
              size="xs"
              variant="default"
              loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/login') })}
            >
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {nav.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={item.to === activeTo}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
      <Text component="h1" fw={700} size="xl" m={0}>
        {children}
      </Text>
      {actions}
    </Group>
  );
}
