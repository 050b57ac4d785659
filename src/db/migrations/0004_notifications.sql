-- In-app notifications. (user_id, dedupe_key) is unique: every writer inserts "on conflict do nothing", so an
-- alert reaches a user once however many worker processes see it.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  ticket_id uuid references tickets (id),
  kind text not null check (length(kind) between 1 and 50),
  title text not null,
  body text not null default '',
  dedupe_key text not null,
  created_at timestamptz not null,
  read_at timestamptz,
  unique (user_id, dedupe_key)
);
create index notifications_user_created on notifications (user_id, created_at desc);
create index notifications_user_unread on notifications (user_id) where read_at is null;

-- Per user and channel; a channel without a row is enabled.
create table notification_preferences (
  user_id uuid not null references users (id) on delete cascade,
  channel text not null check (channel in ('email', 'slack', 'in_app')),
  enabled boolean not null,
  updated_at timestamptz not null,
  primary key (user_id, channel)
);

-- SLA alerts already handled, one row per dedupe key (clock, threshold, anchor instant): the SLA scan claims a
-- key by inserting it, in the transaction that records the notifications and enqueues the pages.
create table sla_alerts (
  dedupe_key text primary key,
  ticket_id uuid not null references tickets (id),
  kind text not null check (kind in ('sla_warning', 'sla_breach', 'sla_escalation')),
  clock text not null check (clock in ('response', 'resolution')),
  threshold text not null,
  notify text not null check (notify in ('assignee', 'agency_channel', 'admins')),
  -- the clock's due (warning) or breach instant (breach, escalation) the key is anchored to
  anchor_at timestamptz not null,
  paged boolean not null,
  recipients integer not null,
  handled_at timestamptz not null
);
create index sla_alerts_ticket on sla_alerts (ticket_id, handled_at);
