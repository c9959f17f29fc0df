import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './browser.ts';

/** Where Debian's Chromium reads machine policy (…/policies/managed/*.json). */
const POLICY_ROOT = '/etc/chromium';

export interface PolicyChromium {
  /** A wrapper to launch instead of Chromium (LaunchOptions.executablePath). */
  executablePath: string;
  /** The policy file as Chromium sees it, for messages. */
  policyFile: string;
  dispose(): void;
}

/**
 * A Chromium that reads `policy` as the machine's mandatory Chrome policy, without touching the
 * machine: the wrapper starts Chromium in a private mount namespace (`unshare --mount`, root)
 * where a lab copy of /etc/chromium, with policies/managed/dialbar-lab.json added, is bind-mounted
 * over /etc/chromium. Only that Chromium and its children see the copy; the host's /etc/chromium
 * stays as it is, and the mount goes away with the process. Throws, saying why, where that is
 * not possible (not root, no unshare, no /etc/chromium to mount over).
 */
export function chromiumWithManagedPolicy(policy: object): PolicyChromium {
  const chromium = findChromium();
  if (!chromium) throw new Error('Chromium not found (apt-get install -y chromium)');
  if (!existsSync(POLICY_ROOT) || !statSync(POLICY_ROOT).isDirectory()) {
    throw new Error(`${POLICY_ROOT} does not exist: the lab mounts its policy over it and will not create it on the host`);
  }
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
  } catch {
    throw new Error('unshare --mount is not permitted here (needs root): no private mount namespace for a test policy');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dialbar-policy-'));
  const etc = path.join(dir, 'etc-chromium');
  mkdirSync(path.join(etc, 'policies', 'managed'), { recursive: true });
  // Keep what the distribution put there (master_preferences), so only the policy differs.
  for (const name of readdirSync(POLICY_ROOT)) {
    const from = path.join(POLICY_ROOT, name);
    if (name !== 'policies' && statSync(from).isFile()) copyFileSync(from, path.join(etc, name));
  }
  writeFileSync(path.join(etc, 'policies', 'managed', 'dialbar-lab.json'), JSON.stringify(policy, null, 2));
  const wrapper = path.join(dir, 'chromium');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      '# Chromium with the lab\'s managed policy, in a private mount namespace (see test/lab/managed-policy.ts).',
      `exec unshare --mount --propagation private -- /bin/sh -c 'mount --bind "$0" ${POLICY_ROOT} && shift && exec "$@"' ${quote(etc)} -- ${quote(chromium)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return {
    executablePath: wrapper,
    policyFile: path.join(POLICY_ROOT, 'policies', 'managed', 'dialbar-lab.json'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
