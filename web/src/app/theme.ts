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
const TEXT_COLORS = ['red', 'green', 'teal', 'orange', 'yellow', 'cyan', 'blue', 'grape', 'violet'];

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

/**
 * Mantine's default dimmed and placeholder greys (gray.6, 3.3:1 on white) fall short of WCAG AA;
 * gray.7 passes (5.7:1), and so do light badges on indigo.9 text. Colored words use shade 9 on
 * white and shade 3 on the dark page.
 */
export const accessibleColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-9)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    ...Object.fromEntries(
      TEXT_COLORS.map((c) => [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-9)`]),
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
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-2)',
    ...Object.fromEntries(
      TEXT_COLORS.map((c) => [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-3)`]),
    ),
  },
});
