-- Change proposals and the projects approved ones become. Frozen once applied.

create table proposals (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references tickets (id),
  agreement_id uuid not null references agreements (id),
  client_id uuid not null references organizations (id),
  title text not null check (length(title) between 1 and 200),
  scope text not null check (length(scope) between 1 and 20000),
  assumptions text not null default '',
  estimate_minutes integer not null check (estimate_minutes between 1 and 1000000),
  rate_cents bigint not null check (rate_cents >= 0),
  amount_cents bigint not null check (amount_cents >= 0),
  status text not null check (status in ('draft', 'sent', 'approved', 'declined', 'withdrawn')),
  created_by uuid not null references users (id),
  sent_at timestamptz,
  decided_by uuid references users (id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index proposals_client on proposals (client_id, created_at desc);
create index proposals_ticket on proposals (ticket_id);
-- One proposal in play per ticket: a new one withdraws the draft or sent one first.
create unique index proposals_one_open_per_ticket on proposals (ticket_id) where status in ('draft', 'sent');

-- An approved proposal, tracked with its own time: never drawn from a retainer.
create table projects (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null unique references proposals (id),
  client_id uuid not null references organizations (id),
  name text not null check (length(name) between 1 and 200),
  budget_minutes integer not null check (budget_minutes > 0),
  amount_cents bigint not null check (amount_cents >= 0),
  status text not null default 'active' check (status in ('active', 'completed', 'cancelled')),
  created_at timestamptz not null,
  completed_at timestamptz
);
create index projects_client on projects (client_id);

alter table time_entries add column project_id uuid references projects (id);
create index time_entries_project on time_entries (project_id) where project_id is not null;
