import { Badge, createTheme, DEFAULT_THEME, Drawer, Modal, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { keepFocusWhereTyping } from './components/dialogFocus';
import { readablePalette, readableShade } from './contrast';

// Every colour's text shades reach WCAG AA on white and on their own light
// tint; 'dark' is the dark scheme's palette and reads the other way round.
const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, shades]) => [name, readablePalette(shades) as unknown as MantineColorsTuple]),
);

/**
 * Secondary text is grey 7 (8:1 on white), not Mantine's grey 6 (3.3:1); a
 * placeholder (an empty file input shows one as its text) reads at 4.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': readableShade(DEFAULT_THEME.colors.gray[6]) },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  colors,
  defaultRadius: 'sm',
  // People who ask their system for less motion get dialogs and menus without
  // animation; they open at once, with the focus already inside.
  respectReducedMotion: true,
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  components: {
    // A status badge is short and must read in full: in a squeezed table
    // column it keeps its width instead of shrinking to "A…".
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content' } } }),
    // The close button of every dialog says what it does to a screen reader,
    // and a field someone is already typing in keeps the focus while the
    // dialog opens.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, onFocusCapture: keepFocusWhereTyping } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, onFocusCapture: keepFocusWhereTyping } }),
  },
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.5rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
    },
  },
});
