/** Installing a Debian package the test run needs (Chromium, redis-server), when we are root on Debian. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * What the setup asks of the machine: whether a file exists, whether we are root, and running a command
 * (its exit status). The real machine by default; tests/setup/install-paths.test.ts passes a fake one to
 * walk the install paths without running apt-get.
 */
export interface SetupSystem {
  exists(file: string): boolean;
  isRoot(): boolean;
  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number | null;
}

export const REAL_SYSTEM: SetupSystem = {
  exists: (file) => existsSync(file),
  isRoot: () => process.getuid?.() === 0,
  run: (command, args, env) => spawnSync(command, args, { stdio: 'ignore', env }).status,
};

/** Root, apt-get present, and the user did not turn installs off with `optOut`=1. */
export function canAptInstall(optOut: string, env: NodeJS.ProcessEnv = process.env, sys: SetupSystem = REAL_SYSTEM): boolean {
  return sys.isRoot() && sys.exists('/usr/bin/apt-get') && env[optOut] !== '1';
}

/** `apt-get install -y <pkg>`, once more after `apt-get update` if the first try fails. */
export function aptInstall(pkg: string, env: NodeJS.ProcessEnv = process.env, sys: SetupSystem = REAL_SYSTEM): boolean {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => sys.run('apt-get', ['install', '-y', '-qq', pkg], aptEnv) === 0;
  if (install()) return true;
  sys.run('apt-get', ['update', '-qq'], aptEnv);
  return install();
}
