import * as React from 'react';
import { Button, Flex, Modal } from '@strapi/design-system';
import type { GovernancePerson } from '../../../shared/contracts';
import { useNotifyError } from '../services/errors';
import { useT } from '../utils/useT';
import { PersonPicker } from './PersonPicker';

/**
 * A dialog that answers one question about a person the editor picks (SPEC §10: "Why?", "View
 * as…"): asked again on each pick (and when `deps` change), and only the picked person's answer
 * is shown.
 */
export const PersonQuestionModal = <A,>({
  trigger,
  title,
  ask,
  deps,
  children,
}: {
  /** the button that opens it */
  trigger: React.ReactNode;
  title: string;
  ask: (person: GovernancePerson) => Promise<A>;
  /** what the question is about: a change asks again */
  deps: React.DependencyList;
  children: (answer: A, person: GovernancePerson) => React.ReactNode;
}) => {
  const t = useT();
  const notifyError = useNotifyError();
  const [open, setOpen] = React.useState(false);
  const [person, setPerson] = React.useState<GovernancePerson | null>(null);
  const [answer, setAnswer] = React.useState<{ value: A } | null>(null);

  React.useEffect(() => {
    setAnswer(null);
    if (!open || !person) return;
    let live = true;
    ask(person).then(
      (value) => live && setAnswer({ value }),
      (error) => live && notifyError(error),
    );
    return () => {
      live = false;
    };
    // Asks again on a new selection only (`ask` and the error handler are new functions every render).
  }, [open, person, ...deps]);

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>{trigger}</Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <PersonPicker value={person} onChange={setPerson} />
            {person && answer ? children(answer.value, person) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
