/**
 * Checks the system programs the real test lab needs: Kamailio (with its websocket and rtpengine
 * modules), Chromium, and for the RFC 4733 callee rtpengine and baresip. When something is missing and we run as root with apt-get, installs the Debian
 * packages; otherwise stops at once, printing the exact command.
 *
 *   tsx test/lab/ensure-deps.ts           # check, install if root, exit 1 if still missing
 *   tsx test/lab/ensure-deps.ts --check   # check only
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_CANDIDATES } from './browser.ts';
import { KAMAILIO_MODULE_DIRS } from './kamailio.ts';

export const APT_PACKAGES = ['chromium', 'kamailio', 'kamailio-websocket-modules', 'kamailio-extra-modules', 'fonts-noto-cjk'];
/**
 * The plain-RTP callee behind rtpengine (test/lab/rtpengine.ts, baresip.ts). Without their
 * recommends: those would bring rtpengine's recording daemon, NFS services and baresip's GUIs.
 */
export const APT_PACKAGES_NO_RECOMMENDS = ['rtpengine-daemon', 'baresip-core'];
export const INSTALL_COMMAND =
  `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}` +
  ` && apt-get install -y --no-install-recommends ${APT_PACKAGES_NO_RECOMMENDS.join(' ')}`;

export interface Missing {
  what: string;
  packages: string[];
}

function onPath(program: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin']);
  return dirs.some((dir) => dir && existsSync(path.join(dir, program)));
}

const MODULES = ['websocket.so', 'xhttp.so', 'jsonrpcs.so', 'nathelper.so', 'htable.so', 'registrar.so', 'auth.so', 'rtpengine.so'];

/** What is missing (empty when the lab can run). */
export function missingDeps(): Missing[] {
  const missing: Missing[] = [];
  if (!onPath('kamailio')) missing.push({ what: 'kamailio', packages: ['kamailio'] });
  const moduleDir = KAMAILIO_MODULE_DIRS.find((dir) => existsSync(path.join(dir, 'tm.so')));
  for (const module of MODULES) {
    if (moduleDir && existsSync(path.join(moduleDir, module))) continue;
    missing.push({
      what: `kamailio module ${module}`,
      packages: module === 'websocket.so' ? ['kamailio-websocket-modules'] : ['kamailio', 'kamailio-extra-modules'],
    });
  }
  const chromium = process.env.DIALBAR_CHROMIUM ?? CHROMIUM_CANDIDATES.find((c) => existsSync(c));
  if (!chromium || !existsSync(chromium)) missing.push({ what: 'chromium', packages: ['chromium'] });
  if (!onPath('rtpengine')) missing.push({ what: 'rtpengine', packages: ['rtpengine-daemon'] });
  if (!onPath('baresip')) missing.push({ what: 'baresip', packages: ['baresip-core'] });
  // The Chinese UI's screenshots (test/e2e/i18n.test.ts) need a CJK font, or Chromium draws boxes.
  if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push({ what: 'a CJK font', packages: ['fonts-noto-cjk'] });
  return missing;
}

function run(command: string, args: string[]): void {
  console.error(`[lab] $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Returns normally when everything is present (installing via apt-get as root if needed). */
export function ensureDeps(options: { install?: boolean } = {}): void {
  let missing = missingDeps();
  if (missing.length === 0) return;
  const list = missing.map((m) => m.what).join(', ');
  const isRoot = process.getuid?.() === 0;
  if ((options.install ?? true) && isRoot && onPath('apt-get')) {
    console.error(`[lab] missing: ${list}; installing Debian packages`);
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', ...APT_PACKAGES]);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES_NO_RECOMMENDS]);
    missing = missingDeps();
    if (missing.length === 0) return;
    throw new Error(`[lab] still missing after apt-get install: ${missing.map((m) => m.what).join(', ')}`);
  }
  throw new Error(
    `[lab] missing: ${list}.\nInstall with (as root):\n  ${isRoot ? '' : 'sudo sh -c "'}${INSTALL_COMMAND}${isRoot ? '' : '"'}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDeps({ install: !process.argv.includes('--check') });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
