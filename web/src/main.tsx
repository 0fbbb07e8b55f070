import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './app/i18n.ts';
import { queryClient } from './app/query-client.ts';
import { AppRouter } from './app/router.tsx';
import { SessionProvider } from './app/session.tsx';
import { accessibleColors, theme } from './app/theme.ts';

await initI18n();

/**
 * Light, dark or auto (the system's setting, the default); the choice is kept in this browser.
 * public/color-scheme.js reads the same key before this bundle runs (no white flash in dark mode).
 */
const colorSchemeManager = localStorageColorSchemeManager({ key: 'caseway.color-scheme' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={accessibleColors}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
    >
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <AppRouter />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
