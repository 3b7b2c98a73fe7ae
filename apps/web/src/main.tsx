import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { brandingQuery } from './features/session/session.queries.ts';
import { i18n, i18nReady } from './lib/i18n.ts';
import { buildTheme } from './lib/theme.ts';
import { translateNativeValidation } from './lib/validity.ts';
import { queryClient, router } from './router.ts';

/** Mantine themed with the organisation's colour; the page title follows its name. */
function App() {
  const { i18n: active } = useTranslation();
  const branding = useQuery(brandingQuery).data;
  const theme = useMemo(() => buildTheme(branding?.primaryColor), [branding?.primaryColor]);
  if (branding) document.title = branding.organisationName;
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: active.language, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <RouterProvider router={router} />
      </DatesProvider>
    </MantineProvider>
  );
}

translateNativeValidation();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The sign-in page's translations first (a small chunk per namespace and language), then the app.
await i18nReady;
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
