// The frame of the Webhooks screens (administrators only).
import type { ReactElement, ReactNode } from 'react';
import { AdminFrame } from '../../app/admin-frame.tsx';

export function WebhooksFrame({ children }: { children: ReactNode }): ReactElement {
  return <AdminFrame ns="webhooks">{children}</AdminFrame>;
}
