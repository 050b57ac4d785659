import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Client, Project } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ServerError } from '../ticket/bits';
import { PROJECTS_KEY, useClientProjects } from '../ticket/proposalApi';

const STATUS_COLOR: Record<Project['status'], string> = {
  active: 'teal',
  completed: 'blue',
  cancelled: 'gray',
};

/** The client's change projects (approved proposals): budget, time used, what remains. */
export function ProjectsSection({ client, viewerZone }: { client: Client; viewerZone: string }) {
  const headingId = useId();
  const projects = useClientProjects(client.id);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Projects
      </Title>
      <Text size="sm" c="dimmed" mt={-8}>
        Change work the client approved as a proposal: quoted and tracked on its own, never drawn from
        retainer hours.
      </Text>
      {projects.isPending ? (
        <LoadingState label="Loading projects…" />
      ) : projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <EmptyState title="No projects">
          A project appears here when the client approves a proposal for change work.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing="xs" aria-label="Projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Budget</Table.Th>
                <Table.Th>Used</Table.Th>
                <Table.Th>Remaining</Table.Th>
                <Table.Th>Price</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.data.map((project) => (
                <ProjectRow key={project.id} project={project} viewerZone={viewerZone} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ProjectRow({ project, viewerZone }: { project: Project; viewerZone: string }) {
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: (to: 'complete' | 'cancel') => api.post<Project>(`/projects/${project.id}/${to}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROJECTS_KEY }),
  });
  const over = project.remainingMinutes < 0;
  const usedPercent =
    project.budgetMinutes > 0 ? Math.min(100, (project.usedMinutes / project.budgetMinutes) * 100) : 100;
  return (
    <Table.Tr data-testid="project-row">
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${project.ticketId}`} fw={600}>
          {project.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          #{project.ticketNumber} · approved {formatInstant(project.createdAt, viewerZone)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[project.status]} variant="light" data-testid="project-status">
          {project.status}
        </Badge>
      </Table.Td>
      <Table.Td data-testid="project-budget">{formatMinutes(project.budgetMinutes)}</Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="project-used">
          {formatMinutes(project.usedMinutes)}
        </Text>
        <Progress
          value={usedPercent}
          color={over ? 'red' : usedPercent >= 90 ? 'orange' : 'teal'}
          size="sm"
          aria-label={`${Math.round(usedPercent)} % of the budget used`}
        />
      </Table.Td>
      <Table.Td data-testid="project-remaining" c={over ? 'red' : undefined}>
        {over ? `${formatMinutes(-project.remainingMinutes)} over` : formatMinutes(project.remainingMinutes)}
      </Table.Td>
      <Table.Td>{formatMoney(project.amountCents)}</Table.Td>
      <Table.Td>
        {project.status === 'active' && (
          <Stack gap={4}>
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                variant="light"
                loading={close.isPending && close.variables === 'complete'}
                disabled={close.isPending}
                onClick={() => close.mutate('complete')}
              >
                Mark completed
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                loading={close.isPending && close.variables === 'cancel'}
                disabled={close.isPending}
                onClick={() => close.mutate('cancel')}
              >
                Cancel project
              </Button>
            </Group>
            <ServerError error={close.error} />
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
