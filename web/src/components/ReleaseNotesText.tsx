import Markdown from './Markdown';
import './release-notes.css';

/** A closed window's release notes (Markdown, as sent to the client), rendered as a short document. */
export function ReleaseNotesText({ notes, testId }: { notes: string; testId?: string }) {
  return (
    <div className="tend-release-notes" data-testid={testId}>
      <Markdown>{notes}</Markdown>
    </div>
  );
}
