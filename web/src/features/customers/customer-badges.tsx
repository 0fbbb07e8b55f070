// Badges that say at a glance who the customer is: the organization's tier and a VIP contact.
// Filled dark colors keep white text above WCAG AA contrast.
import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationTier } from './customer-data.ts';

const TIER_LOOK: Record<OrganizationTier, { color: string; variant: BadgeProps['variant'] }> = {
  vip: { color: 'red.9', variant: 'filled' },
  high_value: { color: 'grape.9', variant: 'filled' },
  standard: { color: 'gray.7', variant: 'outline' },
};

export function TierBadge({
  tier,
  size = 'sm',
}: {
  tier: OrganizationTier;
  size?: BadgeProps['size'];
}): ReactElement {
  const { t } = useTranslation('customers');
  const look = TIER_LOOK[tier];
  return (
    <Badge color={look.color} variant={look.variant} size={size}>
      {t(`tier.${tier}`)}
    </Badge>
  );
}

export function VipBadge({ size = 'sm' }: { size?: BadgeProps['size'] }): ReactElement {
  const { t } = useTranslation('customers');
  return (
    <Badge color="red.9" variant="filled" size={size}>
      {t('contact.vipBadge')}
    </Badge>
  );
}

/** Whether a product is offered (inactive products are kept for old tickets). */
export function ActiveBadge({ active }: { active: boolean }): ReactElement {
  const { t } = useTranslation('customers');
  return (
    <Badge size="xs" variant="outline" color={active ? 'teal' : 'gray.7'}>
      {active ? t('product.activeYes') : t('product.activeNo')}
    </Badge>
  );
}
