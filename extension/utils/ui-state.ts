import { storage } from '#imports';
import { z } from 'zod/mini';

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

const uiItem = storage.defineItem<unknown>('local:overlayUi');

export async function readUiState(): Promise<OverlayUiState> {
  const parsed = OverlayUiStateSchema.safeParse((await uiItem.getValue()) ?? {});
  return parsed.success ? parsed.data : OverlayUiStateSchema.parse({});
}

export async function updateUiState(patch: Partial<OverlayUiState>): Promise<void> {
  await uiItem.setValue(OverlayUiStateSchema.parse({ ...(await readUiState()), ...patch }));
}
