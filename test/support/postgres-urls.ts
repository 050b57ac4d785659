export const POSTGRES_TEMPLATE_DB = 'tend_test_template';

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
