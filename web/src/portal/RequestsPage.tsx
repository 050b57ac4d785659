import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client';
import type { TicketPage } from '../api/types';
import { useMe } from '../app/auth';
import { PageTitle } from '../app/Shell';
import { useNow } from '../components/sla';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { portalKeys } from './portal-api';
import { RequestRows } from './RequestRows';

type Filter = 'all' | 'open' | 'closed';
const PAGE = 25;

const SECTIONS = {
  open: {
    title: 'Open',
    params: { open: true, sort: 'queue' },
    empty: 'No open requests.',
  },
  closed: {
    title: 'Resolved and closed',
    params: { status: ['resolved', 'closed'], sort: 'newest' },
    empty: 'Nothing resolved or closed yet.',
  },
} as const;

export default function RequestsPage() {
  const [search, setSearch] = useSearchParams();
  const raw = search.get('show');
  const filter: Filter = raw === 'open' || raw === 'closed' ? raw : 'all';

  return (
    <>
      <PageTitle
        actions={
          <Button component={Link} to="/portal/requests/new">
            Raise a request
          </Button>
        }
      >
        My requests
      </PageTitle>
      <SegmentedControl
        mb="md"
        aria-label="Show requests"
        value={filter}
        onChange={(value) => setSearch(value === 'all' ? {} : { show: value }, { replace: true })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'open', label: 'Open' },
          { value: 'closed', label: 'Closed' },
        ]}
      />
      <Stack gap="xl">
        {filter !== 'closed' && <Section which="open" withTitle={filter === 'all'} />}
        {filter !== 'open' && <Section which="closed" withTitle={filter === 'all'} />}
      </Stack>
    </>
  );
}

function Section({ which, withTitle }: { which: keyof typeof SECTIONS; withTitle: boolean }) {
  const { data: me } = useMe();
  const now = useNow();
  const section = SECTIONS[which];
  const list = useInfiniteQuery({
    queryKey: portalKeys.ticketList({ ...section.params, infinite: true }),
    queryFn: ({ pageParam }) =>
      api.get<TicketPage>(`/tickets${query({ ...section.params, limit: PAGE, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const tickets = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label={section.title}>
      {withTitle && (
        <Title order={2} size="h4" mb="xs">
          {section.title}
        </Title>
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tickets.length === 0 ? (
        <EmptyState title={section.empty}>
          {which === 'open' ? 'Raise a request when you need something.' : undefined}
        </EmptyState>
      ) : (
        <>
          <RequestRows tickets={tickets} clientZone={me?.organization.timeZone ?? 'UTC'} now={now} />
          <Group justify="center" mt="sm">
            {list.hasNextPage ? (
              <Button
                variant="default"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Show more
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                {tickets.length} {tickets.length === 1 ? 'request' : 'requests'}
              </Text>
            )}
          </Group>
        </>
      )}
    </section>
  );
}
