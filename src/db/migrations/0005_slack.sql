-- Slack: one app per agency workspace. The signing secret and bot token must be kept as they are (the secret
-- verifies every request Slack sends, the token calls the Web API); the API shows only their last characters.
create table slack_connection (
  id boolean primary key default true check (id),
  signing_secret text not null,
  bot_token text not null,
  agency_channel_id text,
  configured_by uuid not null references users (id),
  updated_at timestamptz not null
);

-- A Slack channel shared with a client: messages in it open that client's tickets, notices go to it.
create table slack_channels (
  channel_id text primary key check (channel_id ~ '^[A-Z0-9]{2,32}$'),
  client_id uuid not null references organizations (id),
  created_at timestamptz not null
);
create index slack_channels_client on slack_channels (client_id);

-- The Slack thread a ticket lives in: replies in it become comments, notices about the ticket go to it.
create table slack_threads (
  ticket_id uuid primary key references tickets (id),
  channel_id text not null,
  thread_ts text not null,
  unique (channel_id, thread_ts)
);
