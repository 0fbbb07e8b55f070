// A3: create or change a profile — name, description, which tickets its agents reach (explained),
// what they may do per module, and per ticket field hidden / read-only / editable. The shipped
// Administrator profile is shown read-only (the server refuses changes to it).
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { FieldAccessTable } from './field-access-table.tsx';
import { PermissionMatrix } from './permission-matrix.tsx';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { SHIPPED_ADMINISTRATOR_PROFILE, shippedDescription, shippedName } from './shipped-names.ts';
import { Loading, TeamAdminFrame } from './team-admin-frame.tsx';
import {
  type Action,
  type Catalog,
  type FieldLevel,
  messageOf,
  type Profile,
  TICKET_REACHES,
  type TicketReach,
  useCatalog,
  useProfiles,
  useTeamRefresh,
} from './team-data.ts';

const profileRoute = getRouteApi('/app/admin/team/profiles/$profileId');

export function ProfileEditorPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <ProfileEditor />
    </TeamAdminFrame>
  );
}

function ProfileEditor(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const { profileId } = profileRoute.useParams();
  const isNew = profileId === 'new';
  const profiles = useProfiles();
  const catalog = useCatalog();
  if (profiles.isError || catalog.isError)
    return (
      <Alert color="red" role="alert">
        {messageOf(profiles.error ?? catalog.error, t('error.load'))}
      </Alert>
    );
  if (!profiles.data || !catalog.data) return <Loading />;
  const profile = isNew ? null : (profiles.data.find((p) => p.id === profileId) ?? null);
  if (!isNew && !profile)
    return (
      <Alert color="red" role="alert">
        {t('profile.notFound')}
      </Alert>
    );
  return <ProfileForm key={profileId} profile={profile} catalog={catalog.data} />;
}

interface Values {
  name: string;
  description: string;
  ticketReach: TicketReach;
  permissions: Record<string, Action[]>;
  fieldAccess: Record<string, FieldLevel>;
}

const SHOWN = /^(name|description|ticketReach|permissions\.[\w.-]+|fieldAccess\.[\w.-]+)$/;

function ProfileForm({ profile, catalog }: { profile: Profile | null; catalog: Catalog }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const navigate = useNavigate();
  const refresh = useTeamRefresh();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const readOnly = profile?.id === SHIPPED_ADMINISTRATOR_PROFILE;
  const form = useForm<Values>({
    initialValues: {
      name: profile ? shippedName(profile, t) : '',
      description: profile ? shippedDescription(profile, t) : '',
      ticketReach: profile?.ticketReach ?? 'rules',
      permissions: profile?.permissions ?? { tickets: ['view'] },
      fieldAccess: profile?.fieldAccess ?? {},
    },
    validate: { name: (v) => (v.trim() ? null : t('profile.nameRequired')) },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const name = values.name.trim();
    const fieldAccess = Object.fromEntries(
      Object.entries(values.fieldAccess).filter(([, level]) => level !== 'editable'),
    );
    const permissions = Object.fromEntries(
      Object.entries(values.permissions).filter(([, actions]) => actions.length > 0),
    );
    const keepsShippedText = profile && name === shippedName(profile, t);
    const body = {
      ...(keepsShippedText ? {} : { name }),
      ...(keepsShippedText && values.description === shippedDescription(profile, t)
        ? {}
        : { description: values.description }),
      ticketReach: values.ticketReach,
      permissions,
      fieldAccess,
    };
    try {
      const saved = profile
        ? unwrap(await api.PATCH('/api/v1/profiles/{id}', { params: { path: { id: profile.id } }, body }))
        : unwrap(await api.POST('/api/v1/profiles', { body: { ...body, name } }));
      await refresh();
      form.resetDirty();
      notifications.show({ color: 'green', message: t('profile.saved', { name }) });
      if (!profile)
        void navigate({
          to: '/admin/team/profiles/$profileId',
          params: { profileId: saved.id },
          replace: true,
        });
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => SHOWN.test(f), t));
    }
  });

  return (
    <Stack gap="sm" maw={1100}>
      <Anchor component={Link} to="/admin/team/profiles" size="sm">
        {t('profiles.back')}
      </Anchor>
      <Title order={2} size="h3">
        {profile ? shippedName(profile, t) : t('profiles.new')}
      </Title>
      {readOnly && (
        <Alert color="blue" role="status">
          {t('profile.administratorReadOnly')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Paper withBorder p="sm">
            <Stack gap="sm">
              <TextInput
                label={t('profile.name')}
                withAsterisk
                maw={420}
                maxLength={100}
                readOnly={readOnly}
                {...form.getInputProps('name')}
              />
              <Textarea
                label={t('profile.description')}
                autosize
                minRows={2}
                readOnly={readOnly}
                {...form.getInputProps('description')}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Radio.Group
              label={t('profile.reach')}
              description={t('reach.intro')}
              {...form.getInputProps('ticketReach')}
            >
              <Stack gap="xs" mt="xs">
                {TICKET_REACHES.map((reach) => (
                  <Radio
                    key={reach}
                    value={reach}
                    disabled={readOnly}
                    label={t(`reach.${reach}.label`)}
                    description={t(`reach.${reach}.explain`)}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0}>
              {t('matrix.title')}
            </Text>
            <Text size="xs" c="gray.7" mb="xs">
              {t('matrix.intro')}
            </Text>
            <PermissionMatrix
              catalog={catalog}
              value={form.values.permissions}
              onChange={(permissions) => form.setFieldValue('permissions', permissions)}
              errors={form.errors}
              readOnly={readOnly}
            />
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} size="sm" component="h3" m={0}>
              {t('fieldAccess.title')}
            </Text>
            <Text size="xs" c="gray.7" mb="xs">
              {t('fieldAccess.intro')}
            </Text>
            <FieldAccessTable
              catalog={catalog}
              value={form.values.fieldAccess}
              onChange={(fieldAccess) => form.setFieldValue('fieldAccess', fieldAccess)}
              errors={form.errors}
              readOnly={readOnly}
            />
          </Paper>

          <SaveProblemAlert problem={problem} />
          {!readOnly && (
            <Group gap="xs">
              <Button type="submit" loading={form.submitting}>
                {t('action.save')}
              </Button>
              <Button variant="default" component={Link} to="/admin/team/profiles">
                {t('action.cancel')}
              </Button>
              {form.isDirty() && (
                <Text size="sm" c="gray.7">
                  {t('action.unsaved')}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
