-- Tend core schema. Frozen: never edit an applied migration; add a new numbered file instead.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('agency', 'client')),
  name text not null check (length(name) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  time_zone text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One agency per installation.
create unique index organizations_single_agency on organizations (kind) where kind = 'agency';

create table users (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  email text not null,
  name text not null,
  role text not null check (role in ('agency_admin', 'agency_engineer', 'client_admin', 'client_member')),
  password_hash text,
  time_zone text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_unique on users (lower(email));
create index users_organization on users (organization_id);

create table sessions (
  id text primary key, -- sha256 of the cookie value; the value itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  token_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  email text not null,
  role text not null check (role in ('agency_admin', 'agency_engineer', 'client_admin', 'client_member')),
  token_hash text not null unique,
  invited_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_user_id uuid references users (id)
);
create index invitations_organization on invitations (organization_id);

create table calendars (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  time_zone text not null,
  spec jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sla_policies (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  calendar_id uuid not null references calendars (id),
  rules jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table agreements (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references organizations (id),
  kind text not null check (kind in ('retainer', 'payg', 'sprint', 'onboarding', 'standby')),
  name text not null,
  status text not null default 'active' check (status in ('active', 'ended')),
  starts_on date not null,
  ends_on date,
  time_zone text not null,
  sla_policy_id uuid references sla_policies (id),
  terms jsonb not null,
  coverage jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index agreements_client on agreements (client_id);

create table tickets (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  client_id uuid not null references organizations (id),
  agreement_id uuid references agreements (id),
  subject text not null,
  body text not null,
  requester_id uuid references users (id),
  channel text not null check (channel in ('portal', 'email', 'slack', 'api', 'phone', 'monitoring')),
  kind text not null check (kind in ('support', 'maintenance', 'change')),
  request_type text,
  -- What the agreement said of the request type when the ticket came in (covered, estimate first, change work).
  coverage text check (coverage in ('covered', 'estimate_required', 'change_work', 'not_listed')),
  priority text not null check (priority in ('critical', 'high', 'medium', 'low')),
  priority_rank smallint generated always as (
    case priority when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end
  ) stored,
  status text not null check (
    status in ('new', 'acknowledged', 'in_progress', 'waiting_on_client', 'resolved', 'closed')
  ),
  assignee_id uuid references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  resolved_at timestamptz,
  -- Denormalised from the event history after every change, for the queue's order: the earliest due
  -- instant among the running SLA clocks; 'infinity' when none runs (paused, stopped or no SLA).
  queue_due_at timestamptz not null default 'infinity'
);
create index tickets_queue on tickets (queue_due_at, priority_rank, created_at, id)
  where status not in ('resolved', 'closed');
create index tickets_client_created on tickets (client_id, created_at desc, id desc);
create index tickets_assignee on tickets (assignee_id);

create table ticket_comments (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity, -- the order of arrival, for comments made in the same instant
  ticket_id uuid not null references tickets (id),
  author_id uuid references users (id),
  body text not null,
  visibility text not null check (visibility in ('public', 'internal')),
  is_assessment boolean not null default false,
  created_at timestamptz not null
);
create index ticket_comments_ticket on ticket_comments (ticket_id, created_at, seq);

-- The append-only history every SLA figure is derived from.
create table ticket_events (
  id bigint generated always as identity primary key,
  ticket_id uuid not null references tickets (id),
  at timestamptz not null,
  type text not null,
  actor_id uuid references users (id),
  data jsonb not null default '{}'
);
create index ticket_events_ticket on ticket_events (ticket_id, at, id);

create function ticket_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'ticket_events is append-only';
end;
$$;
create trigger ticket_events_no_update before update or delete on ticket_events
  for each row execute function ticket_events_append_only();

create table ticket_links (
  from_ticket_id uuid not null references tickets (id),
  to_ticket_id uuid not null references tickets (id),
  kind text not null check (kind in ('follow_up', 'related', 'duplicate')),
  created_at timestamptz not null default now(),
  created_by uuid references users (id),
  primary key (from_ticket_id, to_ticket_id),
  check (from_ticket_id <> to_ticket_id)
);
create index ticket_links_to on ticket_links (to_ticket_id);

create table estimates (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references tickets (id),
  agreement_id uuid not null references agreements (id),
  minutes integer not null check (minutes > 0),
  amount_cents bigint not null check (amount_cents >= 0),
  note text not null default '',
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'withdrawn')),
  requested_by uuid not null references users (id),
  decided_by uuid references users (id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null
);
create index estimates_ticket on estimates (ticket_id);

create table time_entries (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references agreements (id),
  ticket_id uuid references tickets (id),
  user_id uuid not null references users (id),
  work_date date not null,
  minutes integer not null check (minutes > 0 and minutes <= 1440),
  category text not null check (category in ('bugfix', 'enhancement', 'advisory', 'maintenance')),
  billable boolean not null,
  description text not null default '',
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index time_entries_agreement_date on time_entries (agreement_id, work_date);
create index time_entries_ticket on time_entries (ticket_id);
create index time_entries_user_date on time_entries (user_id, work_date);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid references users (id),
  organization_id uuid references organizations (id),
  action text not null,
  entity text not null,
  entity_id text not null,
  data jsonb not null default '{}'
);
create index audit_log_entity on audit_log (entity, entity_id);
