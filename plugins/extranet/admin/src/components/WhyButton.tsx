import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import type { ExplainReason } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { personName, useT } from '../utils/useT';
import { PersonQuestionModal } from './PersonQuestionModal';

/** The clause of SPEC §4 that decides, in words (SPEC §10 reasons). */
export const useReasonText = () => {
  const t = useT();
  const texts: Record<ExplainReason, string> = {
    'extranet-admin': t('why.reason.extranet-admin', 'They are an extranet admin: they read everything.'),
    'intranet-item': t('why.reason.intranet-item', 'Intranet item: employees read it, partners never.'),
    'site-wide-extranet': t(
      'why.reason.site-wide-extranet',
      'Extranet item of no workgroup: everyone with extranet access reads it.',
    ),
    'workgroup-member': t(
      'why.reason.workgroup-member',
      "They are an active member of the item's workgroup.",
    ),
    'no-extranet-access': t('why.reason.no-extranet-access', 'They have no extranet access.'),
    'not-a-member': t('why.reason.not-a-member', "They are not an active member of the item's workgroup."),
    author: t('why.reason.author', 'Only its author (and support, and extranet admins) reads this item.'),
    support: t('why.reason.support', 'Extranet support reads every extranet ticket.'),
    'membership-expired': t(
      'why.reason.membership-expired',
      "Their membership of the item's workgroup has expired.",
    ),
    blocked: t('why.reason.blocked', 'They are blocked: they read nothing.'),
  };
  return (reason: ExplainReason) => texts[reason] ?? reason;
};

/**
 * "Why?" on the content manager's Extranet side panel (SPEC §10): pick a person, read whether
 * they can read this item and the clause that decides, from the same explain service as the API.
 */
export const WhyButton = ({ model, documentId }: { model: string; documentId: string }) => {
  const t = useT();
  const api = useExtranetApi();
  const reasonText = useReasonText();
  return (
    <PersonQuestionModal
      trigger={
        <Button variant="tertiary" size="S" fullWidth>
          {t('why.open', 'Why?')}
        </Button>
      }
      title={t('why.title', 'Why can this person read this item, or not?')}
      ask={(person) => api.governance.explain(person.id, model, documentId).then((r) => r.data)}
      deps={[model, documentId]}
    >
      {(answer, person) => (
        <Flex
          direction="column"
          alignItems="flex-start"
          gap={2}
          role="status"
          aria-label={t('why.answer', 'Answer')}
        >
          <Badge active={answer.allowed}>
            {answer.allowed
              ? t('why.allowed', '{name} can read it', { name: personName(person) })
              : t('why.refused', '{name} cannot read it', { name: personName(person) })}
          </Badge>
          <Typography>{reasonText(answer.reason)}</Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('why.reason.code', 'Reason: {reason}', { reason: answer.reason })}
          </Typography>
        </Flex>
      )}
    </PersonQuestionModal>
  );
};
