import { SettingsSchema, type Settings } from '../../shared/schemas/extension.ts';
import { readLocal, watchLocal, writeLocal } from './local-store.ts';

// Shown when stored settings no longer fit their schema (older version, hand-edited profile).
const MESSAGES = {
  badSettings: 'Saved settings were unreadable and have been reset to the defaults.',
} as const;

/** Storage key (storage.local); read as `unknown` and parsed: storage is a trust boundary like a message. */
export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export function parseSettings(raw: unknown): { settings: Settings; valid: boolean } {
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS, valid: true };
  const parsed = SettingsSchema.safeParse(raw);
  return parsed.success ? { settings: parsed.data, valid: true } : { settings: DEFAULT_SETTINGS, valid: false };
}

/** Settings read from a stored value, and a notice when it was invalid (the defaults are used then). */
export function settingsFrom(raw: unknown): { settings: Settings; notice: string | null } {
  const { settings, valid } = parseSettings(raw);
  return { settings, notice: valid ? null : MESSAGES.badSettings };
}

/** The settings, and a notice when what was stored was invalid (the defaults are used then). */
export async function readSettingsChecked(): Promise<{ settings: Settings; notice: string | null }> {
  return settingsFrom((await readLocal([SETTINGS_KEY]))[SETTINGS_KEY]);
}

export async function readSettings(): Promise<Settings> {
  return (await readSettingsChecked()).settings;
}

/** Saves settings after parsing them, so nothing invalid is ever written. */
export async function writeSettings(next: Settings): Promise<Settings> {
  const parsed = SettingsSchema.parse(next);
  await writeLocal({ [SETTINGS_KEY]: parsed });
  return parsed;
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return writeSettings({ ...(await readSettings()), ...patch });
}

/** Calls back with the parsed settings whenever they change; returns the unwatch function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return watchLocal(SETTINGS_KEY, (raw) => onChange(parseSettings(raw).settings));
}
