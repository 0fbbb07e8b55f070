// The page an invitation link opens (/accept-invitation?token=…): the invited agent chooses a
// password, then signs in. The server's answer decides: 409 used, 400 expired or unknown.
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { LanguagePicker } from '../shell/language-picker.tsx';

type Outcome = 'done' | 'used' | 'expired' | null;

export function AcceptInvitationPage({ token }: { token: string | undefined }): ReactElement {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(token ? null : 'expired');
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      confirm: (value, values) => (value !== values.password ? t('auth.invitation.mismatch') : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    if (!token) return;
    setBusy(true);
    try {
      unwrap(
        await api.POST('/api/v1/auth/invitations/accept', { body: { token, password: values.password } }),
      );
      setOutcome('done');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setOutcome('used');
      else if (err instanceof ApiError && err.fieldError('password'))
        form.setFieldError('password', err.fieldError('password'));
      else if (err instanceof ApiError && err.status < 500) setOutcome('expired');
      else form.setFieldError('password', t('common.unexpectedError'));
    } finally {
      setBusy(false);
    }
  });

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'var(--mantine-color-gray-1)',
      }}
    >
      <Paper withBorder shadow="sm" p="xl" w={400}>
        <Stack gap="md">
          <Title order={1} size="h3">
            {t('auth.invitation.title')}
          </Title>
          {outcome === null && (
            <form onSubmit={submit} aria-label={t('auth.invitation.title')}>
              <Stack gap="sm">
                <Text size="sm">{t('auth.invitation.intro')}</Text>
                <PasswordInput
                  label={t('auth.invitation.password')}
                  autoComplete="new-password"
                  required
                  autoFocus
                  {...form.getInputProps('password')}
                />
                <PasswordInput
                  label={t('auth.invitation.confirm')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('confirm')}
                />
                <Button type="submit" loading={busy}>
                  {t('auth.invitation.submit')}
                </Button>
              </Stack>
            </form>
          )}
          {outcome && (
            <Alert color={outcome === 'done' ? 'green' : 'orange'} role="status">
              {t(token ? `auth.invitation.${outcome}` : 'auth.invitation.missing')}
            </Alert>
          )}
          {outcome && (
            <Anchor component={Link} to="/sign-in">
              {t('auth.signIn')}
            </Anchor>
          )}
          <LanguagePicker />
        </Stack>
      </Paper>
    </main>
  );
}
