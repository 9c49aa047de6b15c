import type { Theme } from '../store/preferences-slice';
import '../styles/charts.css';

/** The colours canvas drawings take from the stylesheet (canvas cannot use CSS variables). */
export interface Palette {
  cpu: string;
  memory: string;
  rx: string;
  tx: string;
  grid: string;
  axis: string;
}

const VARIABLES: Record<keyof Palette, string> = {
  cpu: '--chart-cpu',
  memory: '--chart-memory',
  rx: '--chart-rx',
  tx: '--chart-tx',
  grid: '--border',
  axis: '--text-muted',
};

const palettes = new Map<Theme, Palette>();

/**
 * A theme's chart colours, read once from app.css through an element of that
 * theme of its own: the page's own theme attribute may still be the old one
 * while a theme change renders.
 */
export function paletteOf(theme: Theme): Palette {
  let palette = palettes.get(theme);
  if (!palette) {
    const probe = document.createElement('div');
    probe.dataset.theme = theme;
    probe.hidden = true;
    document.body.append(probe);
    const style = getComputedStyle(probe);
    palette = Object.fromEntries(
      Object.entries(VARIABLES).map(([name, variable]) => [
        name,
        style.getPropertyValue(variable).trim(),
      ]),
    ) as unknown as Palette;
    probe.remove();
    // Kept once the stylesheet has answered: before it loads every variable reads empty.
    if (palette.cpu) palettes.set(theme, palette);
  }
  return palette;
}
