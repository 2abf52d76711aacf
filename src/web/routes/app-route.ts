import type { ComponentType } from 'react';
import type { MessageKey } from '../../common/i18n/index.ts';
import type { Permission } from '../../common/policy/permissions.ts';

export interface AppRoute {
  path: string;
  label: MessageKey;
  permission?: Permission;
  component: ComponentType;
  /** Also matches these paths (a screen with an id in its path). */
  pattern?: RegExp;
  /** Reached from another screen, not listed in the navigation. */
  hidden?: boolean;
}
