import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface Dovecot {
  host: string;
  port: number;
  /** A mailbox user with its password. */
  user: string;
  password: string;
  /** Dovecot's log, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

const ROOT = new URL('../../', import.meta.url);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let output = '';
  try {
    output = readFileSync(log, 'utf8');
  } catch {
    // no log written
  }
  throw new Error(`dovecot did not start on 127.0.0.1:${port}\n${output}`);
}

/**
 * A real IMAP server for the email tests: Debian's dovecot (installed by scripts/ensure-dovecot.sh when
 * missing) with its own configuration in a temporary directory — 127.0.0.1 on a free port, no TLS, plaintext
 * login, a passwd-file with {PLAIN} passwords, maildir storage — run in the foreground and stopped after.
 */
export async function startDovecot(): Promise<Dovecot> {
  execFileSync('bash', [new URL('scripts/ensure-dovecot.sh', ROOT).pathname], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'tend-dovecot-'));
  const port = await freePort();
  const user = 'support@agency.test';
  const password = 'imap-test-password';
  const me = userInfo();
  // As root, mail is kept by dovecot's own unprivileged user (dovecot refuses mail access as uid 0).
  const mailUser = me.uid === 0 ? 'dovecot' : me.username;
  const uid = Number(execFileSync('id', ['-u', mailUser]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', mailUser]).toString().trim());
  mkdirSync(join(dir, 'mail'));
  if (me.uid === 0) {
    // dovecot's auth and mail processes run unprivileged: they must reach the directory.
    chmodSync(dir, 0o755);
    chownSync(join(dir, 'mail'), uid, gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const log = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${log}`,
      `protocols = imap`,
      `listen = 127.0.0.1`,
      `ssl = no`,
      `disable_plaintext_auth = no`,
      `auth_mechanisms = plain login`,
      `mail_location = maildir:${dir}/mail/%u`,
      `first_valid_uid = 1`,
      ...(me.uid === 0
        ? []
        : [
            `default_internal_user = ${me.username}`,
            `default_internal_group = ${me.username}`,
            `default_login_user = ${me.username}`,
          ]),
      `passdb {`,
      `  driver = passwd-file`,
      `  args = scheme=PLAIN ${dir}/passwd`,
      `}`,
      `userdb {`,
      `  driver = static`,
      `  args = uid=${uid} gid=${gid} home=${dir}/mail/%u`,
      `}`,
      `service imap-login {`,
      `  inet_listener imap {`,
      `    address = 127.0.0.1`,
      `    port = ${port}`,
      `  }`,
      `  inet_listener imaps {`,
      `    port = 0`,
      `  }`,
      `}`,
      `service anvil {`,
      `  chroot =`,
      `}`,
      `service imap-login {`,
      `  chroot =`,
      `}`,
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    log: () => readFileSync(log, 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
