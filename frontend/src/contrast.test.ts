import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, readablePalette, readableShade, tint } from './contrast';

describe('contrast', () => {
  it('measures the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's default dimmed grey on white, which failed the accessibility scan.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });

  it('darkens a shade until it reads on white and on its own tint', () => {
    const blue = DEFAULT_THEME.colors.blue[7];
    expect(contrastRatio(blue, tint(blue, 0.12))).toBeLessThan(4.5);
    const fixed = readableShade(blue);
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.6);
    expect(contrastRatio(fixed, tint(fixed, 0.12))).toBeGreaterThanOrEqual(4.6);
    // An already dark shade is kept.
    expect(readableShade('#1a1b1e')).toBe('#1a1b1e');
  });

  it('makes shades 7 to 9 of every status colour readable and keeps the lighter ones', () => {
    for (const name of ['green', 'yellow', 'orange', 'red', 'blue', 'gray', 'teal', 'grape']) {
      const palette = readablePalette(DEFAULT_THEME.colors[name]!);
      expect(palette.slice(0, 7)).toEqual([...DEFAULT_THEME.colors[name]!].slice(0, 7));
      for (const shade of palette.slice(7)) {
        expect(contrastRatio(shade, '#ffffff'), `${name} ${shade}`).toBeGreaterThanOrEqual(4.6);
        expect(contrastRatio(shade, tint(shade, 0.12)), `${name} ${shade}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
