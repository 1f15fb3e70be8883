import { useNotifyError, useNotifySuccess } from '../services/errors';

/** The message an action shows when it succeeds: its translation id, default text and values. */
export type SuccessMessage = [id: string, defaultMessage: string, values?: Record<string, string | number>];

/**
 * Runs one of an editor's actions (archive, delete, resend...): its success message when it
 * succeeds, the error's notification when it fails. Resolves whether it succeeded.
 */
export const useAction = () => {
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  return async (action: () => Promise<unknown>, success: SuccessMessage): Promise<boolean> => {
    try {
      await action();
      notifySuccess(...success);
      return true;
    } catch (error) {
      notifyError(error);
      return false;
    }
  };
};
