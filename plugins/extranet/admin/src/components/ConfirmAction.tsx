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

/** The same, for an action on one item: open while `item` is set; closing or confirming forgets it. */
export const ConfirmItemAction = <T,>({
  item,
  onClose,
  onConfirm,
  title,
  children,
}: {
  item: T | null;
  onClose: () => void;
  onConfirm: (item: T) => Promise<void> | void;
  title?: string;
  children: React.ReactNode;
}) => (
  <ConfirmAction
    open={item !== null}
    onOpenChange={(open) => !open && onClose()}
    onConfirm={async () => {
      if (item === null) return;
      onClose();
      await onConfirm(item);
    }}
    title={title}
  >
    {children}
  </ConfirmAction>
);
