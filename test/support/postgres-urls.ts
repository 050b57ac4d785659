/** One template per test run (the global setup names it), so that runs side by side do not collide. */
export function postgresTemplateName(): string {
  const name = process.env.TEND_TEST_PG_TEMPLATE;
  if (!name) throw new Error('the global setup did not prepare a PostgreSQL template');
  return name;
}

/** TEST_DATABASE_URL names a server and a maintenance database we may create databases from. */
export function postgresAdminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}
