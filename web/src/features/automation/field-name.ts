// A ticket field's name in the agent's language, for the action builder and the rule screens.
import { useTranslation } from 'react-i18next';
import { fieldLabel, findField } from '../tickets-list/ticket-field-catalog.ts';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';

/** A ticket field's name ("priority" → "Priority", "custom.caseType" → its label). */
export function useFieldName(): (field: string) => string {
  const { t, i18n } = useTranslation('ticketsList');
  const defs = useCustomFieldDefs().data;
  return (field) => fieldLabel(findField(field, defs) ?? field, t, i18n.language);
}
