/**
 * Intake of signed Slack events (verify the signature, store the raw event, enqueue its processing) against a
 * plain Fastify route that only answers 200, both in their own processes on this machine, loaded by the same
 * client in the same run. Requests per second and latency percentiles for each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createTend } from '../src/app';
import { loadConfig } from '../src/config';
import { bootstrapAgency } from '../src/services/seed/bootstrap';

const SECRET = 'bench-signing-secret-0123456789';
const REQUESTS = 3000;
const CONCURRENCY = 16;
const FIXTURE = JSON.parse(
  readFileSync(
    new URL('../../shared/fixtures/slack-event_callback-message.bolt-python.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

async function prepare(env: Record<string, string>): Promise<void> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const tend = await createTend(config, { log: pino({ level: 'silent' }) });
  const admin = await bootstrapAgency(
    tend.services.deps.db,
    {
      name: 'Bench',
      slug: 'bench',
      timeZone: 'UTC',
      admin: { email: 'bench@bench.test', name: 'Bench', password: 'bench-password' },
    },
    new Date(),
  );
  await tend.services.slack.putConnection(admin, {
    signingSecret: SECRET,
    botToken: 'xoxb-bench-token',
    agencyChannelId: null,
  });
  await tend.close();
}

function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) resolve({ child, port: Number(match[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

function signedEvent(index: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    ...FIXTURE,
    event_id: `EvBench${index}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

async function load(
  url: string,
  makeRequest: (index: number) => { body: string; headers: Record<string, string> },
) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const request = makeRequest(next++);
        const t0 = process.hrtime.bigint();
        const response = await fetch(url, { method: 'POST', body: request.body, headers: request.headers });
        await response.arrayBuffer();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (response.status !== 200) failures++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return {
    requests: REQUESTS,
    failures,
    requestsPerSecond: Math.round(REQUESTS / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/**
 * On the embedded database by default; with `databaseUrl` (an empty PostgreSQL database) on PostgreSQL, which
 * is what a production deployment runs.
 */
export async function benchSlackIntake(databaseUrl?: string): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tend-bench-'));
  const database: Record<string, string> = databaseUrl
    ? { DATABASE_URL: databaseUrl }
    : { DATA_DIR: dataDir };
  await prepare(database);
  const tendProcess = await startProcess(
    ['bin/tend.js', 'serve', '--roles', 'web'],
    { ...database, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false' },
    /running at http:\/\/127\.0\.0\.1:(\d+)/,
  );
  const plainProcess = await startProcess(
    ['bin/run-ts.js', 'bench/plain-server.ts'],
    { PORT: '0' },
    /listening (\d+)/,
  );
  try {
    const plainUrl = `http://127.0.0.1:${plainProcess.port}/plain`;
    const intakeUrl = `http://127.0.0.1:${tendProcess.port}/api/slack/events`;
    // Warm both up (JIT, connection pools) before measuring.
    await load(plainUrl, () => ({ body: '{}', headers: { 'content-type': 'application/json' } }));
    const plain = await load(plainUrl, () => ({
      body: '{}',
      headers: { 'content-type': 'application/json' },
    }));
    await load(intakeUrl, (i) => signedEvent(1_000_000 + i));
    const intake = await load(intakeUrl, (i) => signedEvent(i));
    return {
      database: databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)',
      concurrency: CONCURRENCY,
      plainRoute: plain,
      slackIntake: intake,
      intakeOverPlainThroughput: Number((intake.requestsPerSecond / plain.requestsPerSecond).toFixed(2)),
      goals: 'intake p99 < 100 ms and ≥ 0.25 × the plain route’s throughput',
    };
  } finally {
    tendProcess.child.kill('SIGTERM');
    plainProcess.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await benchSlackIntake(process.env.BENCH_DATABASE_URL), null, 2));
}
