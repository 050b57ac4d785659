-- Maintenance windows, their backlog and its plan. Frozen once applied: add a new numbered file instead.

-- A recurring window of an agreement: `rule` (domain/maintenance/recurrence.ts) is read in the agreement's
-- time zone and expanded into concrete maintenance_windows ahead of time.
create table maintenance_schedules (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references agreements (id),
  name text not null check (length(name) between 1 and 200),
  rule jsonb not null,
  capacity_minutes integer not null check (capacity_minutes between 1 and 10080),
  active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index maintenance_schedules_agreement on maintenance_schedules (agreement_id);

-- One concrete window: an occurrence of a schedule (unique per schedule and start) or a one-off (no schedule).
create table maintenance_windows (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references agreements (id),
  schedule_id uuid references maintenance_schedules (id),
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity_minutes integer not null check (capacity_minutes between 1 and 10080),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'in_progress', 'closed', 'cancelled')),
  started_at timestamptz,
  started_by uuid references users (id),
  closed_at timestamptz,
  closed_by uuid references users (id),
  -- Written once when the window closes, from what was done; never regenerated.
  release_notes text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (ends_at > starts_at),
  unique (schedule_id, starts_at)
);
create index maintenance_windows_agreement_start on maintenance_windows (agreement_id, starts_at);

-- Recurring chores of an agreement (update dependencies, rotate secrets, run a security scan), each with its
-- own cadence; an occurrence becomes a maintenance ticket (tickets.chore_id, chore_due_on).
create table maintenance_chores (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references agreements (id),
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  cadence_months integer not null check (cadence_months between 1 and 24),
  estimate_minutes integer not null check (estimate_minutes between 1 and 10080),
  priority text not null default 'low' check (priority in ('critical', 'high', 'medium', 'low')),
  next_due_on date not null,
  active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index maintenance_chores_agreement on maintenance_chores (agreement_id);

-- Triage's "next window": the ticket joins the maintenance backlog whatever its kind.
alter table tickets add column next_window boolean not null default false;
-- The engineers' effort estimate used by the planner (a client estimate's minutes are used when present).
alter table tickets add column estimate_minutes integer check (estimate_minutes between 1 and 100000);
alter table tickets add column chore_id uuid references maintenance_chores (id);
alter table tickets add column chore_due_on date;
create unique index tickets_chore_occurrence on tickets (chore_id, chore_due_on) where chore_id is not null;

-- The planner's current placement of each backlog item. window_id null: no window in the horizon has room.
create table window_plan (
  ticket_id uuid primary key references tickets (id),
  window_id uuid references maintenance_windows (id),
  position integer not null,
  -- How many times the item moved to a later window than the one it was planned into.
  roll_count integer not null default 0,
  first_window_id uuid references maintenance_windows (id),
  planned_at timestamptz not null
);
create index window_plan_window on window_plan (window_id, position);

-- What became of each planned item when its window closed: the frozen record release notes and reports use.
create table window_outcomes (
  window_id uuid not null references maintenance_windows (id),
  ticket_id uuid not null references tickets (id),
  outcome text not null check (outcome in ('done', 'rolled')),
  minutes integer not null default 0 check (minutes >= 0),
  primary key (window_id, ticket_id)
);
create index window_outcomes_ticket on window_outcomes (ticket_id);

alter table time_entries add column window_id uuid references maintenance_windows (id);
create index time_entries_window on time_entries (window_id) where window_id is not null;
