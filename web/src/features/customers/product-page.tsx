// One product: its details (changed by administrators only) and its tickets.
import { Checkbox, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactElement, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Product, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useSession } from '../../app/session.tsx';
import { ActiveBadge } from './customer-badges.tsx';
import { customerKeys, orNull, useFieldError, useProduct } from './customer-data.ts';
import { RecordLayout, RecordStatus, SaveRow } from './record-layout.tsx';
import { RelatedTickets } from './related-tickets.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

const productRoute = getRouteApi('/app/products/$productId');

export function ProductPage(): ReactElement {
  return (
    <StringsBoundary>
      <ProductView />
    </StringsBoundary>
  );
}

function ProductView(): ReactElement {
  const { t } = useTranslation('customers');
  const { productId } = productRoute.useParams();
  const product = useProduct(productId);
  const titleId = useId();
  const ticketsId = useId();
  if (!product.data) return <RecordStatus error={product.error} />;
  return (
    <RecordLayout
      titleId={titleId}
      title={product.data.name}
      back={
        <RouterAnchor to="/products" size="sm">
          ← {t('products.title')}
        </RouterAnchor>
      }
      badges={<ActiveBadge active={product.data.active} />}
      fields={<ProductEditor key={product.data.updatedAt} product={product.data} />}
    >
      <section aria-labelledby={ticketsId}>
        <Title order={3} size="h5" id={ticketsId} mb="xs">
          {t('tickets.ofProduct')}
        </Title>
        <RelatedTickets kind="products" id={productId} labelledBy={ticketsId} />
      </section>
    </RecordLayout>
  );
}

function ProductEditor({ product }: { product: Product }): ReactElement {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const queryClient = useQueryClient();
  const admin = useSession().agent?.admin ?? false;
  const [name, setName] = useState(product.name);
  const [code, setCode] = useState(product.code ?? '');
  const [description, setDescription] = useState(product.description);
  const [active, setActive] = useState(product.active);
  const dirty =
    name !== product.name ||
    orNull(code) !== product.code ||
    description !== product.description ||
    active !== product.active;

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/products/{id}', {
          params: { path: { id: product.id } },
          body: { name: name.trim(), code: orNull(code), description, active },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.product(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: customerKeys.products });
      notifications.show({ color: 'teal', message: t('actions.saved') });
    },
  });
  const fieldError = useFieldError(save.error);
  const fields = ['name', 'code', 'description', 'active'];

  return (
    <form
      aria-label={t('product.details')}
      onSubmit={(e) => {
        e.preventDefault();
        if (admin) save.mutate();
      }}
    >
      <Stack gap="xs">
        {!admin && (
          <Text size="sm" c="gray.7">
            {t('product.adminsOnly')}
          </Text>
        )}
        <TextInput
          label={t('product.name')}
          required
          readOnly={!admin}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <TextInput
          label={t('product.code')}
          readOnly={!admin}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={fieldError('code')}
        />
        <Textarea
          label={t('product.description')}
          readOnly={!admin}
          autosize
          minRows={3}
          maxRows={12}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError('description')}
        />
        <Checkbox
          label={t('product.activeLabel')}
          disabled={!admin}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          error={fieldError('active')}
        />
        {admin && (
          <SaveRow
            dirty={dirty}
            saving={save.isPending}
            error={save.error}
            shownBeside={fields.some((f) => fieldError(f))}
          />
        )}
        <Text size="xs" c="gray.7">
          {t('record.dates', {
            created: format.dateTime(product.createdAt),
            updated: format.dateTime(product.updatedAt),
          })}
        </Text>
      </Stack>
    </form>
  );
}
