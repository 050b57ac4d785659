import { Anchor, Typography } from '@mantine/core';
import ReactMarkdown from 'react-markdown';

/** Markdown as people write it in requests and replies; react-markdown renders no raw HTML. */
export default function Markdown({ children }: { children: string }) {
  return (
    <Typography style={{ overflowWrap: 'anywhere' }} fz="sm">
      <ReactMarkdown
        components={{
          a: ({ href, children: text }) => (
            <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow">
              {text}
            </Anchor>
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
