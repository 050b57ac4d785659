-- Archived monthly client reports and the agency's logo. Frozen once applied.

-- A report as sent: its figures and its PDF never change after the fact (enforced below); only the delivery
-- columns (sent_at, sent_to) are written later.
create table monthly_reports (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references organizations (id),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  figures jsonb not null,
  pdf bytea not null,
  pdf_sha256 text not null,
  generated_at timestamptz not null,
  generated_by uuid references users (id),
  sent_at timestamptz,
  sent_to jsonb,
  unique (client_id, month)
);

create function monthly_reports_frozen() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'monthly_reports are archived: they are never deleted';
  end if;
  if new.client_id <> old.client_id or new.month <> old.month or new.figures <> old.figures
     or new.pdf <> old.pdf or new.pdf_sha256 <> old.pdf_sha256 or new.generated_at <> old.generated_at then
    raise exception 'monthly_reports are archived: only the delivery may be recorded';
  end if;
  return new;
end;
$$;
create trigger monthly_reports_no_change before update or delete on monthly_reports
  for each row execute function monthly_reports_frozen();

-- The agency's logo for reports (PNG, JPEG or SVG, small).
alter table organizations add column logo bytea;
alter table organizations add column logo_content_type text
  check (logo_content_type in ('image/png', 'image/jpeg', 'image/svg+xml'));

-- The mail that sends an archived report carries its PDF: the queued message names the report.
alter table email_messages add column monthly_report_id uuid references monthly_reports (id);
