// Sign-in with email and password; "remember me" keeps the session for 30 days.
import { Alert, Button, Checkbox, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { LanguagePicker } from '../shell/language-picker.tsx';

export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password, remember);
      onSignedIn?.();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('auth.locked'));
      else if (err instanceof ApiError && err.status < 500) setError(t('auth.invalid'));
      else setError(t('common.unexpectedError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('auth.signIn')}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          size="sm"
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          size="sm"
        />
        <Checkbox
          label={t('auth.remember')}
          checked={remember}
          onChange={(e) => setRemember(e.currentTarget.checked)}
        />
        <Button type="submit" loading={busy} size="sm">
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}

export function SignInPage(): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { agent } = useSession();
  // Leave once the session knows the agent (also when an already signed-in agent opens this page).
  useEffect(() => {
    if (agent) void navigate({ to: '/' });
  }, [agent, navigate]);
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'var(--mantine-color-gray-1)',
      }}
    >
      <Paper withBorder shadow="sm" p="xl" w={360}>
        <Stack gap="md">
          <Title order={1} size="h3">
            {t('app.name')}
          </Title>
          <SignInForm />
          <LanguagePicker />
        </Stack>
      </Paper>
    </main>
  );
}
