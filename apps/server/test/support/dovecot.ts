import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A real IMAP server for the test: Debian's Dovecot (dovecot-imapd; `.ci/run`
 * installs it) on a free port, with a throwaway configuration, one mailbox and
 * maildir storage in a temporary directory, stopped and removed afterwards.
 */
export async function startDovecot() {
  if (!DOVECOT) throw new Error('Dovecot not found: apt-get install -y dovecot-imapd');
  const dir = mkdtempSync(join(tmpdir(), 'ish-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'helpdesk@nusantara.test';
  const password = 'rahasia-imap-123';
  const root = process.getuid?.() === 0;
  // As root, Dovecot runs its logins and mail processes as its own unprivileged users; otherwise all as us.
  const me = userInfo().username;
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  if (root) chownSync(mail, 65534, 65534);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${root ? 'dovenull' : me}
default_internal_user = ${root ? 'dovecot' : me}
first_valid_uid = 1
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${root ? 65534 : process.getuid?.()} gid=${root ? 65534 : process.getgid?.()} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  const server: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  while (!(await reachable(port))) {
    if (server.exitCode !== null) throw new Error(`dovecot exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('dovecot did not start in 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user,
    password,
    /** Puts a message into the INBOX, as the mail server in front of it would. */
    async deliver(raw: Buffer): Promise<void> {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
    async close() {
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
