import * as React from 'react';
import { Button, Flex, Modal } from '@strapi/design-system';
import { useT } from '../utils/useT';

/** A form in a modal: title, the fields in a column, Cancel and the submit button. */
export const FormModal = ({
  open,
  onOpenChange,
  title,
  onSubmit,
  submitLabel,
  submitting,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  onSubmit: () => void;
  submitLabel: string;
  submitting?: boolean;
  children: React.ReactNode;
}) => {
  const t = useT();
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Content>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
          noValidate
        >
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {children}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
