// Your personal API tokens: create one with an expiry (its secret shown once), see them, revoke.
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { type ApiToken, useCreateToken, useRevokeToken, useTokens } from './account-data.ts';
import { AccountFrame } from './account-frame.tsx';

const EXPIRY_DAYS = ['7', '30', '90', '365', 'never'] as const;
const DAY_MS = 24 * 3600_000;

const STATUS_COLORS: Record<ApiToken['status'], string> = {
  active: 'teal',
  expired: 'gray',
  revoked: 'red',
};

function CreateTokenForm({ onCreated }: { onCreated: (secret: string, name: string) => void }): ReactElement {
  const { t } = useTranslation('account');
  const create = useCreateToken();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', expiry: '30' as (typeof EXPIRY_DAYS)[number] },
    validate: { name: (v) => (v.trim() === '' ? t('tokens.nameRequired') : null) },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const expiresAt =
        values.expiry === 'never'
          ? undefined
          : new Date(Date.now() + Number(values.expiry) * DAY_MS).toISOString();
      const created = await create.mutateAsync({
        name: values.name.trim(),
        ...(expiresAt ? { expiresAt } : {}),
      });
      form.reset();
      onCreated(created.secret, created.token.name);
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldError('name') : undefined;
      if (field) form.setFieldError('name', field);
      else notifications.show({ color: 'red', message: String(err instanceof Error ? err.message : err) });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('tokens.name')} withAsterisk w={260} {...form.getInputProps('name')} />
        <Select
          label={t('tokens.expiry')}
          w={180}
          allowDeselect={false}
          data={EXPIRY_DAYS.map((d) => ({ value: d, label: t(`tokens.expiryIn.${d}`) }))}
          {...form.getInputProps('expiry')}
        />
        <Button type="submit" loading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </Group>
    </form>
  );
}

/** The new secret, once: after this dialog closes, only its first characters are ever shown. */
function SecretDialog({
  secret,
  onClose,
}: {
  secret: { value: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('account');
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={t('tokens.createdTitle', { name: secret?.name })}
      size="lg"
    >
      <Stack gap="sm">
        <Alert color="yellow" variant="light" role="status">
          {t('tokens.shownOnce')}
        </Alert>
        <Text size="sm" fw={600} id="token-secret-label">
          {t('tokens.secret')}
        </Text>
        <Code
          block
          aria-labelledby="token-secret-label"
          data-testid="token-secret"
          style={{ overflowWrap: 'anywhere' }}
        >
          {secret?.value}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret?.value ?? ''}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('tokens.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TokenRow({
  token,
  onRevoke,
}: {
  token: ApiToken;
  onRevoke: (token: ApiToken) => void;
}): ReactElement {
  const { t } = useTranslation('account');
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Badge variant="outline" color={STATUS_COLORS[token.status]} tt="none">
          {t(`tokens.status.${token.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
      <Table.Td>{token.expiresAt ? format.dateTime(token.expiresAt) : t('tokens.expiryIn.never')}</Table.Td>
      <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
      <Table.Td>
        {token.status === 'active' ? (
          <Button
            size="xs"
            variant="outline"
            color="red"
            aria-label={t('tokens.revokeNamed', { name: token.name })}
            onClick={() => onRevoke(token)}
          >
            {t('tokens.revoke')}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function TokensPage(): ReactElement {
  const { t } = useTranslation('account');
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<{ value: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const confirmRevoke = async () => {
    if (!revoking) return;
    try {
      await revoke.mutateAsync(revoking.id);
      notifications.show({ color: 'teal', message: t('tokens.revoked', { name: revoking.name }) });
    } catch (err) {
      notifications.show({ color: 'red', message: String(err instanceof Error ? err.message : err) });
    }
    setRevoking(null);
  };

  return (
    <AccountFrame current="tokens">
      <Paper withBorder p="md" component="section" aria-labelledby="tokens-heading">
        <Stack gap="sm">
          <Title order={3} size="h4" id="tokens-heading">
            {t('tokens.heading')}
          </Title>
          <Text size="sm">{t('tokens.intro')}</Text>
          <CreateTokenForm onCreated={(value, name) => setSecret({ value, name })} />
          {tokens.data?.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('tokens.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped={false} verticalSpacing={6} aria-labelledby="tokens-heading">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tokens.name')}</Table.Th>
                    <Table.Th>{t('tokens.prefix')}</Table.Th>
                    <Table.Th>{t('tokens.statusHeading')}</Table.Th>
                    <Table.Th>{t('tokens.created')}</Table.Th>
                    <Table.Th>{t('tokens.expiry')}</Table.Th>
                    <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('tokens.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.data?.map((token) => (
                    <TokenRow key={token.id} token={token} onRevoke={setRevoking} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('tokens.revokeConfirmTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('tokens.revokeConfirm', { name: revoking?.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('tokens.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => void confirmRevoke()}>
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </AccountFrame>
  );
}
