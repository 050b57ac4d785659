import { Text } from '@mantine/core';
import Markdown from './Markdown';

/** A proposal's scope, and its assumptions when it has any: the agency desk and the portal show them alike. */
export function ProposalTerms({ scope, assumptions }: { scope: string; assumptions: string }) {
  return (
    <>
      <div>
        <Text size="xs" c="dimmed">
          Scope
        </Text>
        <Markdown>{scope}</Markdown>
      </div>
      {assumptions && (
        <div>
          <Text size="xs" c="dimmed">
            Assumptions
          </Text>
          <Markdown>{assumptions}</Markdown>
        </div>
      )}
    </>
  );
}
