import { Anchor, Collapse, Divider, List, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { TicketDetail } from '../../api/types';
import { SlaClockPanel } from '../../components/sla';
import { Section } from './bits';

/** Response and resolution clocks, due in the viewer's zone and the client's, with how they were derived. */
export function SlaSection({
  ticket,
  viewerZone,
  clientZone,
}: {
  ticket: TicketDetail;
  viewerZone: string;
  clientZone: string;
}) {
  const [open, { toggle }] = useDisclosure(false);
  const sla = ticket.sla;
  return (
    <Section title="SLA clocks" id="sla">
      {!sla ? (
        <Text size="sm" c="dimmed">
          No SLA applies: the ticket&apos;s agreement has no SLA policy
          {ticket.agreementId ? '' : ' (the ticket falls under no agreement)'}.
        </Text>
      ) : (
        <Stack gap="sm">
          <div data-testid="sla-response">
            <SlaClockPanel
              name="Response"
              clock={sla.response}
              viewerZone={viewerZone}
              clientZone={clientZone}
            />
          </div>
          <Divider />
          <div data-testid="sla-resolution">
            <SlaClockPanel
              name="Resolution"
              clock={sla.resolution}
              viewerZone={viewerZone}
              clientZone={clientZone}
            />
          </div>
          {clientZone === viewerZone && (
            <Text size="xs" c="dimmed">
              The client works in your time zone ({clientZone}).
            </Text>
          )}
          {sla.explanation.length > 0 && (
            <>
              <Anchor component="button" type="button" size="xs" onClick={toggle} aria-expanded={open}>
                {open ? 'Hide how the clocks were computed' : 'How the clocks were computed'}
              </Anchor>
              <Collapse expanded={open}>
                <List size="xs" spacing={2}>
                  {sla.explanation.map((line, index) => (
                    <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
                      {line}
                    </List.Item>
                  ))}
                </List>
              </Collapse>
            </>
          )}
        </Stack>
      )}
    </Section>
  );
}
