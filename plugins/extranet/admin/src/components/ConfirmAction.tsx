import * as React from 'react';
import { Dialog, Typography } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';

/** Strapi's confirmation dialog, opened by the caller; `children` says what will happen. */
export const ConfirmAction = ({
  open,
  onOpenChange,
  onConfirm,
  title,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => Promise<void> | void;
  title?: string;
  children: React.ReactNode;
}) => (
  <Dialog.Root open={open} onOpenChange={onOpenChange}>
    <ConfirmDialog onConfirm={onConfirm} title={title}>
      <Typography textAlign="center">{children}</Typography>
    </ConfirmDialog>
  </Dialog.Root>
);
