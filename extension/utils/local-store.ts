import { browser } from '#imports';

/**
 * The few extension-storage reads and writes the content script makes, on `browser.storage.local`
 * directly: the content script's size budget has no room for a storage library (@wxt-dev/storage
 * is ≈ 2.5 KB gzipped), and these are plain key reads. Values are returned as `unknown`: each
 * caller parses what it reads (storage is a trust boundary like a message). The keys are the ones
 * the extension's other parts write through @wxt-dev/storage ('local:settings' is key 'settings').
 */
export async function readLocal(keys: readonly string[]): Promise<Record<string, unknown>> {
  return (await browser.storage.local.get([...keys])) as Record<string, unknown>;
}

export async function writeLocal(values: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set(values);
}

/** Calls back with a key's new value whenever it changes; returns the unwatch function. */
export function watchLocal(key: string, onChange: (value: unknown) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) onChange(changes[key].newValue ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
