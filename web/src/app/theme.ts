// One calm, dense theme, light or dark; colors chosen for WCAG AA contrast in both.
import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  focusRing: 'always',
  components: {
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
  },
});

/** Colors used for words (`c="red"` reads `--mantine-color-red-text`). */
const TEXT_COLORS = ['red', 'green', 'teal', 'orange', 'yellow', 'cyan', 'blue', 'grape', 'violet', 'indigo'];
/** Orange has no shade dark enough for words on white (orange.9 is 4.3:1). */
const LIGHT_ORANGE_TEXT = '#b84a0b';
const DARK_BODY = '#242424';

/**
 * In dark mode the grays turn around: the screens use `gray.0` for a tinted background and
 * `gray.7` for quieter words, so gray.0–9 become the dark palette's steps with the same role
 * (a tint a little lighter than the page, words light enough for 4.5:1).
 */
const DARK_GRAYS = [
  '#2e2e2e',
  '#3b3b3b',
  '#424242',
  '#4a4a4a',
  '#696969',
  '#9a9a9a',
  '#9a9a9a',
  '#b8b8b8',
  '#c9c9c9',
  '#e0e0e0',
];

/** `color` laid over `under` at `amount` opacity, as a hex color. */
function blend(color: string, under: string, amount: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = [0, 1, 2].map((i) =>
    Math.round(channel(color, i) * amount + channel(under, i) * (1 - amount)),
  );
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Mantine's default dimmed and placeholder greys (gray.6, 3.3:1 on white) fall short of WCAG AA;
 * gray.7 passes (5.7:1). Colored words, outlines and light variants use shade 9 on white and
 * shade 3 on the dark page. In dark mode each color's lightest shades (0 and 1, used as tinted
 * backgrounds) become dark tints of that color, so words on them stay readable.
 */
export const accessibleColors: CSSVariablesResolver = (t) => {
  const lightText = (c: string) => (c === 'orange' ? LIGHT_ORANGE_TEXT : `var(--mantine-color-${c}-9)`);
  const tints = Object.keys(t.colors)
    .filter((c) => c !== 'gray' && c !== 'dark')
    .flatMap((c) => [
      [`--mantine-color-${c}-0`, blend(t.colors[c]![8], DARK_BODY, 0.18)],
      [`--mantine-color-${c}-1`, blend(t.colors[c]![8], DARK_BODY, 0.28)],
    ]);
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
      '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
      '--mantine-color-gray-light-color': 'var(--mantine-color-gray-9)',
      '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
      ...Object.fromEntries(
        TEXT_COLORS.flatMap((c) => [
          [`--mantine-color-${c}-text`, lightText(c)],
          [`--mantine-color-${c}-outline`, lightText(c)],
          [`--mantine-color-${c}-light-color`, lightText(c)],
        ]),
      ),
    },
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--mantine-color-placeholder': '#9a9a9a',
      '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
      ...Object.fromEntries(DARK_GRAYS.map((hex, i) => [`--mantine-color-gray-${i}`, hex])),
      '--mantine-color-gray-filled': '#495057',
      '--mantine-color-gray-filled-hover': '#343a40',
      '--mantine-color-gray-light-color': 'var(--mantine-color-dark-0)',
      '--mantine-color-gray-outline': '#9a9a9a',
      '--mantine-color-gray-text': '#b8b8b8',
      ...Object.fromEntries(tints),
      ...Object.fromEntries(
        TEXT_COLORS.flatMap((c) => [
          [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-3)`],
          [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-2)`],
        ]),
      ),
    },
  };
};
