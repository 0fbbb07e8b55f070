// The frame of the account screens: a heading and tabs between profile, API tokens and sessions.
// The strings load with the first screen (namespace "account"), so no spinner is needed.
import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type AccountTab = 'profile' | 'tokens' | 'sessions';

export function AccountFrame({
  current,
  children,
}: {
  current: AccountTab;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation('account');
  const navigate = useNavigate();
  return (
    <Stack gap="md" maw={900}>
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      <Tabs
        value={current}
        onChange={(tab) => tab && void navigate({ to: `/account/${tab as AccountTab}` })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="profile">{t('tabs.profile')}</Tabs.Tab>
          <Tabs.Tab value="tokens">{t('tabs.tokens')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('tabs.sessions')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {children}
    </Stack>
  );
}
