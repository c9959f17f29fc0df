import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Processes the lab started, killed (whole process group) if node exits without stopping them,
 * so a crashed test does not leave Kamailio holding a port.
 */
const owned = new Set<number>();
let exitHookInstalled = false;

/** Signals the process group led by `pid` (lab children are spawned detached, so they lead one). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

export function own(pid: number): void {
  owned.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of owned) killGroup(p, 'SIGKILL');
  });
}

export function disown(pid: number): void {
  owned.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM the child (its process group when it was spawned detached), wait up to `graceMs`
 * for it to exit, then SIGKILL the group. Resolves once the child has exited.
 */
export async function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; make sure nothing of its group survives.
    killGroup(pid, 'SIGKILL');
    disown(pid);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // raced with exit
  }
  let handle: NodeJS.Timeout | undefined;
  const timer = new Promise<'timeout'>((resolve) => {
    handle = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([exited, timer]);
  clearTimeout(handle);
  if (outcome === 'timeout') {
    killGroup(pid, 'SIGKILL');
    let killWait: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (killWait = setTimeout(resolve, 2000)))]);
    clearTimeout(killWait);
  } else {
    // Leader exited cleanly; children of a detached group are reaped by it, but be sure.
    killGroup(pid, 'SIGKILL');
  }
  disown(pid);
}

/** Notes in a lab child's temp dir who owns it (this node process) and the child's pid. */
export function recordOwner(dir: string, childPid: number | undefined): void {
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  if (childPid !== undefined) writeFileSync(path.join(dir, 'child.pid'), String(childPid));
}

/**
 * Stops children left by earlier lab runs whose node process died without stopping them (e.g. a
 * test worker killed by a timeout): for every `<tmp>/<prefix>*` dir whose owner is dead, the
 * recorded child is sent SIGTERM if its command line names that dir; dirs without a live child
 * are removed.
 */
export function reapOrphanDirs(prefix: string): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (owner && isAlive(owner)) continue;
      const pidFile = path.join(dir, 'child.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
      if (!pid || !isAlive(pid)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(pid, 'SIGTERM');
    } catch {
      // not ours, or gone
    }
  }
}
