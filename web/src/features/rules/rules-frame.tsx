// The frame of the Rules screens (administrators only).
import type { ReactElement, ReactNode } from 'react';
import { AdminFrame } from '../../app/admin-frame.tsx';

export function RulesFrame({ children }: { children: ReactNode }): ReactElement {
  return <AdminFrame ns="rules">{children}</AdminFrame>;
}
