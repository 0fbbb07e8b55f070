// An organization named by its id: loads it (cached per organization) and links to its page.
import { Group, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { RouterAnchor } from '../../app/links.tsx';
import { TierBadge } from './customer-badges.tsx';
import { useOrganization } from './customer-data.ts';

export function OrganizationLink({ id, withTier = false }: { id: string; withTier?: boolean }): ReactElement {
  const organization = useOrganization(id).data;
  if (!organization) return <Text size="sm">…</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: id }} size="sm">
        {organization.name}
      </RouterAnchor>
      {withTier && organization.tier !== 'standard' && <TierBadge tier={organization.tier} size="xs" />}
    </Group>
  );
}
