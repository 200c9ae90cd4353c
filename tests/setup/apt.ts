/** Installing a Debian package the test run needs (Chromium, redis-server), when we are root on Debian. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Root, apt-get present, and the user did not turn installs off with `optOut`=1. */
export function canAptInstall(optOut: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && env[optOut] !== '1';
}

/** `apt-get install -y <pkg>`, once more after `apt-get update` if the first try fails. */
export function aptInstall(pkg: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'ignore', env: aptEnv }).status === 0;
  if (install()) return true;
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env: aptEnv });
  return install();
}
