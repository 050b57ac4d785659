-- Email in and out. A mailbox is read over IMAP (one shared, or one per client); every message read is stored
-- raw in inbound_items first, then processed into a ticket, a comment, a recorded auto-reply/bounce, or a
-- held item for triage. The password is kept as given (Tend must log in with it) and never returned by the API.
create table mailboxes (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  -- The address people write to: the Reply-To of Tend's mail about tickets that came in here.
  address text not null,
  host text not null,
  port integer not null check (port between 1 and 65535),
  tls boolean not null default true,
  username text not null,
  password text not null,
  folder text not null default 'INBOX',
  -- A per-client mailbox: senders nobody knows are taken to be this client's people.
  client_id uuid references organizations (id),
  enabled boolean not null default true,
  last_polled_at timestamptz,
  last_error text,
  -- The admin who added the mailbox: tickets raised from its mail are created on their behalf.
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Every message in and out that belongs to a ticket (or was recognised as automatic): the thread index.
-- Outbound rows are the send queue too (status pending → sent | suppressed).
create table email_messages (
  id uuid primary key default gen_random_uuid(),
  direction text not null check (direction in ('in', 'out')),
  message_id text not null,
  ticket_id uuid references tickets (id),
  comment_id uuid references ticket_comments (id),
  mailbox_id uuid references mailboxes (id) on delete set null,
  inbound_item_id uuid references inbound_items (id),
  kind text not null check (kind in ('normal', 'auto_reply', 'bounce', 'list')),
  -- out: acknowledgement | reply | status | estimate | notify
  purpose text,
  from_address text not null,
  to_address text not null,
  subject text not null,
  body_text text,
  in_reply_to text,
  references_ids text[] not null default '{}',
  status text not null default 'recorded' check (status in ('recorded', 'pending', 'sent', 'suppressed')),
  sent_at timestamptz,
  created_at timestamptz not null
);
create index email_messages_message_id on email_messages (message_id);
create index email_messages_ticket on email_messages (ticket_id, created_at);

-- Mail from senders Tend cannot place with a client: held here, never dropped, until staff assign it to a
-- client (which raises the ticket from the stored raw message) or dismiss it.
create table email_triage (
  id uuid primary key default gen_random_uuid(),
  inbound_item_id uuid not null unique references inbound_items (id),
  mailbox_id uuid references mailboxes (id) on delete set null,
  reason text not null check (reason in ('unknown_sender', 'list', 'staff_sender', 'other_client')),
  from_address text not null,
  from_name text,
  subject text not null,
  preview text not null,
  status text not null default 'held' check (status in ('held', 'assigned', 'dismissed')),
  ticket_id uuid references tickets (id),
  decided_by uuid references users (id),
  decided_at timestamptz,
  received_at timestamptz not null
);
create index email_triage_status on email_triage (status, received_at);
