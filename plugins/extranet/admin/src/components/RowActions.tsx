import * as React from 'react';
import { Flex, IconButton } from '@strapi/design-system';

/** One action of a row: an icon button named by its label. */
export interface RowAction {
  label: string;
  icon: React.ReactNode;
  onClick: () => void;
}

/** A row's actions, side by side: any other control first (`children`), then the icon buttons. */
export const RowActions = ({ actions, children }: { actions: RowAction[]; children?: React.ReactNode }) => (
  <Flex gap={1}>
    {children}
    {actions.map((action) => (
      <IconButton key={action.label} label={action.label} variant="ghost" onClick={action.onClick}>
        {action.icon}
      </IconButton>
    ))}
  </Flex>
);
