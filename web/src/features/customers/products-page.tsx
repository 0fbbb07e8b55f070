// Products list: search by name or code; administrators create products.
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Product, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useSession } from '../../app/session.tsx';
import { ActiveBadge } from './customer-badges.tsx';
import { customerKeys, orNull, useFieldError, useProblemText } from './customer-data.ts';
import { RecordList } from './record-list.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

export function ProductsPage(): ReactElement {
  return (
    <StringsBoundary>
      <Products />
    </StringsBoundary>
  );
}

function Products(): ReactElement {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const admin = useSession().agent?.admin ?? false;
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <RecordList<Product>
        title={t('products.title')}
        searchLabel={t('products.search')}
        emptyText={t('products.empty')}
        queryKey={customerKeys.products}
        fetchPage={async (q, cursor) =>
          unwrap(
            await api.GET('/api/v1/products', {
              params: { query: { ...(q ? { q } : {}), limit: 100, ...(cursor ? { cursor } : {}) } },
            }),
          )
        }
        actions={admin ? <Button onClick={open}>{t('products.new')}</Button> : undefined}
        columns={[
          {
            header: t('product.name'),
            cell: (p) => (
              <RouterAnchor to="/products/$productId" params={{ productId: p.id }} size="sm">
                {p.name}
              </RouterAnchor>
            ),
          },
          { header: t('product.code'), cell: (p) => p.code ?? '—' },
          { header: t('product.active'), cell: (p) => <ActiveBadge active={p.active} /> },
          {
            header: t('product.description'),
            cell: (p) => (p.description.length > 120 ? `${p.description.slice(0, 120)}…` : p.description),
          },
        ]}
      />
      <Modal opened={creating} onClose={close} title={t('products.new')}>
        <ProductCreateForm
          onCancel={close}
          onCreated={(product) => {
            close();
            void navigate({ to: '/products/$productId', params: { productId: product.id } });
          }}
        />
      </Modal>
    </>
  );
}

function ProductCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (product: Product) => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/products', {
          body: { name: name.trim(), code: orNull(code), description },
        }),
      ),
    onSuccess: (product) => {
      queryClient.setQueryData(customerKeys.product(product.id), product);
      void queryClient.invalidateQueries({ queryKey: customerKeys.products });
      onCreated(product);
    },
  });
  const fieldError = useFieldError(create.error);
  const problemText = useProblemText();
  const shownBeside = ['name', 'code', 'description'].some((f) => fieldError(f));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('product.name')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <TextInput
          label={t('product.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={fieldError('code')}
        />
        <Textarea
          label={t('product.description')}
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError('description')}
        />
        {create.error && !shownBeside && (
          <Alert color="red" variant="outline" role="alert" p="xs">
            {problemText(create.error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={create.isPending}>
            {t('product.create')}
          </Button>
          <Button type="button" variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
