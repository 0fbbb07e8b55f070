// The frame of every SLA administration screen: its strings load on demand (a spinner until they
// arrive, never raw keys), only administrators get past it, and the list pages share a tab bar.
import { Alert, Button, type ButtonProps, Group, Progress, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createLink, useNavigate } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminFrame } from '../../app/admin-frame.tsx';
import { api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';

export { Loading } from '../../app/admin-frame.tsx';

/**
 * After a policy or calendar change the server re-computes open tickets in the background; while
 * it does, every SLA screen says how far it got (the screens stay usable).
 */
function RecomputeProgress(): ReactElement | null {
  const { t } = useTranslation('slaAdmin');
  const format = useFormat();
  const progress = useQuery({
    queryKey: ['sla', 'recompute'],
    queryFn: async () => unwrap(await api.GET('/api/v1/sla/recompute')),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 2_000 : 10_000),
  }).data;
  if (progress?.state !== 'running') return null;
  return (
    <Alert color="blue" variant="light" role="status" mb="sm" title={t('recompute.title')}>
      <Stack gap={4}>
        {t('recompute.body', { done: format.number(progress.done), total: format.number(progress.total) })}
        <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} aria-hidden />
      </Stack>
    </Alert>
  );
}

export function SlaAdminFrame({ children }: { children: ReactNode }): ReactElement {
  return (
    <AdminFrame ns="slaAdmin">
      <RecomputeProgress />
      {children}
    </AdminFrame>
  );
}

/** The heading of the two list pages, with tabs between policies and calendars. */
export function SlaTabs({
  current,
  actions,
}: {
  current: 'policies' | 'calendars';
  actions?: ReactNode;
}): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const navigate = useNavigate();
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {actions}
      </Group>
      <Tabs
        value={current}
        onChange={(tab) =>
          void navigate({ to: tab === 'calendars' ? '/admin/sla/calendars' : '/admin/sla/policies' })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="policies">{t('tabs.policies')}</Tabs.Tab>
          <Tabs.Tab value="calendars">{t('tabs.calendars')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </Stack>
  );
}

const ButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Button component="a" ref={ref} {...props} />,
);
/** A Mantine button that navigates with the router, typed against the route tree. */
export const RouterButton = createLink(ButtonAnchor);
