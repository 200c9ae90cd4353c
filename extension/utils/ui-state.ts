import { z } from 'zod/mini';
import { readLocal, writeLocal } from './local-store.ts';

/**
 * What the overlay remembers between results pages, apart from the settings (a change of settings
 * restarts the overlay; these must not): whether the summary panel is collapsed and whether the
 * legend has been seen once.
 */
export const OverlayUiStateSchema = z.object({
  /** Null until the user chooses: the panel then starts open, except as a bar on a phone-width window. */
  collapsed: z._default(z.nullable(z.boolean()), null),
  legendSeen: z._default(z.boolean(), false),
});
export type OverlayUiState = z.infer<typeof OverlayUiStateSchema>;

/** Storage key (storage.local). */
export const UI_STATE_KEY = 'overlayUi';

export function uiStateFrom(raw: unknown): OverlayUiState {
  const parsed = OverlayUiStateSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : OverlayUiStateSchema.parse({});
}

export async function readUiState(): Promise<OverlayUiState> {
  return uiStateFrom((await readLocal([UI_STATE_KEY]))[UI_STATE_KEY]);
}

export async function updateUiState(patch: Partial<OverlayUiState>): Promise<void> {
  await writeLocal({ [UI_STATE_KEY]: OverlayUiStateSchema.parse({ ...(await readUiState()), ...patch }) });
}
