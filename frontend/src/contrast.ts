// WCAG 2 contrast: the palette's text shades are darkened until they read
// on white and on their own light tint (badges, the active navigation link).

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(parseHex(a));
  const lb = relativeLuminance(parseHex(b));
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `color` at `alpha` over white, as Mantine draws a light variant's background. */
export function tint(color: string, alpha: number): string {
  const c = parseHex(color);
  return toHex(c.map((v) => 255 + (v - 255) * alpha) as Rgb);
}

/** `color` darkened in small steps until it reaches `ratio` against white and against its own tint. */
export function readableShade(color: string, ratio = 4.6, tintAlpha = 0.12): string {
  const start = parseHex(color);
  for (let step = 0; step <= 40; step++) {
    const c = toHex(start.map((v) => v * (1 - step * 0.025)) as Rgb);
    if (contrastRatio(c, '#ffffff') >= ratio && contrastRatio(c, tint(c, tintAlpha)) >= ratio) return c;
  }
  return '#000000';
}

/**
 * A Mantine palette whose shades 7 to 9 (text, filled backgrounds behind
 * white text, light-variant text) reach the contrast ratio; shades 0 to 6
 * (backgrounds, borders) stay as they are.
 */
export function readablePalette<T extends readonly string[]>(shades: T): string[] {
  return shades.map((shade, i) => (i >= 7 ? readableShade(shade) : shade));
}
