// The header's user menu ("Account menu"): the account screens, language, light or dark, sign out.
import {
  Button,
  type MantineColorScheme,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  useMantineColorScheme,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { currentViewAs } from '../../app/view-as.ts';
import { LanguagePicker } from '../shell/language-picker.tsx';
import { ViewAsPicker } from '../view-as/index.ts';

function ColorSchemeSwitch(): ReactElement {
  const { t } = useTranslation('account');
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="color-scheme-label">
        {t('menu.appearance')}
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        aria-labelledby="color-scheme-label"
        value={colorScheme}
        onChange={(value) => setColorScheme(value as MantineColorScheme)}
        data={[
          { value: 'light', label: t('menu.light') },
          { value: 'dark', label: t('menu.dark') },
          { value: 'auto', label: t('menu.auto') },
        ]}
      />
    </Stack>
  );
}

export function AccountMenu(): ReactElement {
  const { t } = useTranslation('account');
  const { agent, signOut } = useSession();
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal closeOnItemClick>
        <Menu.Target>
          <Button variant="subtle" aria-label={t('common:shell.accountMenu')}>
            {agent?.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={240}>
          <Menu.Item onClick={() => void navigate({ to: '/account/profile' })}>{t('menu.profile')}</Menu.Item>
          <Menu.Item onClick={() => void navigate({ to: '/account/tokens' })}>{t('menu.tokens')}</Menu.Item>
          <Menu.Item onClick={() => void navigate({ to: '/account/sessions' })}>
            {t('menu.sessions')}
          </Menu.Item>
          <Menu.Item onClick={() => void navigate({ to: '/account/macros' })}>{t('menu.macros')}</Menu.Item>
          {agent?.admin && !currentViewAs() && (
            <Menu.Item onClick={() => setPicking(true)}>{t('viewAs:menu')}</Menu.Item>
          )}
          <Menu.Divider />
          <Stack p="xs" gap="sm">
            <LanguagePicker />
            <ColorSchemeSwitch />
          </Stack>
          <Menu.Divider />
          <Menu.Item
            onClick={async () => {
              await signOut();
              void navigate({ to: '/sign-in' });
            }}
          >
            {t('common:auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {agent?.admin && <ViewAsPicker opened={picking} onClose={() => setPicking(false)} exclude={agent.id} />}
    </>
  );
}
