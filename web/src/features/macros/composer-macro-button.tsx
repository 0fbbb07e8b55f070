// The composer's shortcut to macros: opens the ticket page's macro picker (also Ctrl+Shift+M).
import { Button } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { requestMacroPicker } from './macro-picker-request.ts';

export function ComposerMacroButton(): ReactElement | null {
  const { t, ready } = useTranslation('macros', { useSuspense: false });
  if (!ready) return null;
  return (
    <Button variant="default" size="xs" onClick={requestMacroPicker} aria-keyshortcuts="Control+Shift+M">
      {t('composerButton')}
    </Button>
  );
}
