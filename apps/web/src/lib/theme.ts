import { createTheme, darken, lighten, type MantineColorsTuple, type MantineThemeOverride, Tabs } from '@mantine/core';

const HEX = /^#[0-9a-f]{6}$/i;

/** Ten shades around the organisation's colour, which sits at shade 6 (Mantine's default primary shade). */
function shadesOf(color: string): MantineColorsTuple {
  return [
    lighten(color, 0.92),
    lighten(color, 0.8),
    lighten(color, 0.64),
    lighten(color, 0.48),
    lighten(color, 0.32),
    lighten(color, 0.16),
    color,
    darken(color, 0.12),
    darken(color, 0.24),
    darken(color, 0.36),
  ];
}

/** The Mantine theme with the organisation's primary colour (a #rrggbb from branding; Mantine blue otherwise). */
export function buildTheme(primaryColor: string | undefined): MantineThemeOverride {
  const brand = primaryColor && HEX.test(primaryColor) ? { colors: { brand: shadesOf(primaryColor) }, primaryColor: 'brand' } : {};
  return createTheme({
    ...brand,
    autoContrast: true,
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      // Every tab row stays one row and scrolls sideways on a phone, never cut off or wrapped under itself.
      Tabs: Tabs.extend({ styles: { list: { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' } } }),
    },
  });
}
