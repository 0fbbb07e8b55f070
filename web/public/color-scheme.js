// Runs before the app's bundle (a plain, render-blocking script: the Content-Security-Policy
// allows no inline script), so a dark choice paints dark from the first frame instead of white.
// Reads the choice the app keeps (main.tsx: localStorageColorSchemeManager, key
// "caseway.color-scheme"): light, dark, or auto (the system's setting, the default).
(() => {
  try {
    const chosen = window.localStorage.getItem('caseway.color-scheme');
    const dark =
      chosen === 'dark' || (chosen !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
  } catch {
    // No storage (blocked): the app decides once it runs.
  }
})();
