-- Everything Tend accepts from outside (an email, a Slack event, a webhook) is stored raw here before it is
-- processed, so nothing accepted is lost to a crash; (source, idempotency_key) makes redelivery harmless.
create table inbound_items (
  id uuid primary key default gen_random_uuid(),
  source text not null check (source in ('email', 'slack', 'webhook')),
  idempotency_key text not null,
  payload jsonb not null,
  raw text,
  status text not null default 'pending' check (status in ('pending', 'processed', 'dead')),
  attempts integer not null default 0,
  last_error text,
  result jsonb,
  received_at timestamptz not null,
  processed_at timestamptz,
  unique (source, idempotency_key)
);
create index inbound_items_status on inbound_items (status, received_at);
