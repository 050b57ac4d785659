-- Files attached to tickets (and optionally to one comment). The bytes live in the attachment store
-- (a directory by default); the row says who may see them.
create table attachments (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references tickets (id),
  comment_id uuid references ticket_comments (id),
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null,
  storage_key text not null unique,
  uploaded_by uuid references users (id),
  created_at timestamptz not null
);
create index attachments_ticket on attachments (ticket_id, created_at);
