// Your profile: name, language, time zone and signature; and a password change.
import {
  Alert,
  Box,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { zoneOptions } from '../sla-admin/zoned-time.ts';
import { useChangePassword, useProfile, useSaveProfile } from './account-data.ts';
import { AccountFrame } from './account-frame.tsx';

const MIN_PASSWORD = 8;

/** Puts the server's field errors beside their inputs; anything else becomes a general error. */
function showErrors(
  err: unknown,
  form: { setFieldError: (field: string, message: string) => void },
  fields: string[],
): string | null {
  if (!(err instanceof ApiError)) return String(err);
  let placed = false;
  for (const field of fields) {
    const message = err.fieldError(field);
    if (message) {
      form.setFieldError(field, message);
      placed = true;
    }
  }
  return placed ? null : err.message;
}

function ProfileForm(): ReactElement {
  const { t, i18n } = useTranslation('account');
  const profile = useProfile();
  const save = useSaveProfile();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', language: 'en', timeZone: 'UTC', signature: '' },
    validate: {
      name: (v) => (v.trim() === '' ? t('profile.nameRequired') : null),
      timeZone: (v) => (v ? null : t('profile.noZone')),
    },
  });
  const data = profile.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is filled once the profile arrives
  useEffect(() => {
    if (!data) return;
    const values = {
      name: data.agent.name,
      language: data.agent.language,
      timeZone: data.agent.timeZone,
      signature: data.signature,
    };
    form.setInitialValues(values);
    form.setValues(values);
  }, [data]);
  const zones = useMemo(
    () => zoneOptions(i18n.language, [form.values.timeZone]),
    [i18n.language, form.values.timeZone],
  );

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({
        name: values.name.trim(),
        language: values.language as 'en',
        timeZone: values.timeZone,
        signature: values.signature,
      });
      notifications.show({ color: 'teal', message: t('profile.saved') });
    } catch (err) {
      const general = showErrors(err, form, ['name', 'language', 'timeZone', 'signature']);
      if (general) notifications.show({ color: 'red', message: general });
    }
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="profile-heading">
            {t('profile.heading')}
          </Title>
          <TextInput label={t('profile.name')} withAsterisk maw={420} {...form.getInputProps('name')} />
          <Text size="sm">
            {t('profile.email')}: {data?.agent.email}
          </Text>
          <Select
            label={t('profile.language')}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            allowDeselect={false}
            maw={420}
            {...form.getInputProps('language')}
          />
          <Select
            label={t('profile.timeZone')}
            searchable
            data={zones}
            limit={200}
            maxDropdownHeight={320}
            nothingFoundMessage={t('profile.noZone')}
            allowDeselect={false}
            maw={420}
            {...form.getInputProps('timeZone')}
          />
          <Textarea
            label={t('profile.signature')}
            description={t('profile.signatureHelp')}
            autosize
            minRows={3}
            maxRows={10}
            ff="monospace"
            {...form.getInputProps('signature')}
          />
          {data?.signature ? (
            <Box>
              <Text size="sm" fw={600}>
                {t('profile.signaturePreview')}
              </Text>
              <Box
                fz="sm"
                data-testid="signature-preview"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the server keeps only an allow-list of basic formatting
                dangerouslySetInnerHTML={{ __html: data.signature }}
              />
            </Box>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!data}>
              {t('profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm(): ReactElement {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('password.required')),
      newPassword: (v) => (v.length >= MIN_PASSWORD ? null : t('password.tooShort', { count: MIN_PASSWORD })),
      confirm: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.reset();
      notifications.show({ color: 'teal', message: t('password.changed') });
    } catch (err) {
      const general = showErrors(err, form, ['currentPassword', 'newPassword']);
      if (general) notifications.show({ color: 'red', message: general });
    }
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <Title order={3} size="h4" id="password-heading">
            {t('password.heading')}
          </Title>
          <Alert variant="light" color="indigo" p="xs">
            {t('password.note')}
          </Alert>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('password.new')}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('password.change')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ProfilePage(): ReactElement {
  return (
    <AccountFrame current="profile">
      <ProfileForm />
      <PasswordForm />
    </AccountFrame>
  );
}
