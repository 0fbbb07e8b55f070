// Every field the header does not show, editable in place: classification, customer, product,
// tags, solution and the custom fields of every type, labelled in the agent's language.
import { type ComboboxItem, Paper, Stack, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CustomField, type Ticket, unwrap } from '../../app/api-client.ts';
import { useFieldAccess } from '../../app/my-access.ts';
import { useAgents, usePicklists } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import {
  CheckboxField,
  MultiSelectField,
  SearchSelectField,
  SelectField,
  TagsField,
  TextField,
} from './field-controls.tsx';
import { useFieldLabel, useLocalLabel } from './field-values.tsx';
import { useContact, useCustomFields, useDepartments, useOrganization, useProduct } from './ticket-data.ts';
import { useTicketEdit } from './ticket-edit.tsx';
import { isoToZonedInput, zonedInputToIso } from './zoned-time.ts';

/** The options of a picklist: its active values, plus the ticket's current one if deactivated. */
export function usePicklistOptions() {
  const lists = usePicklists().data;
  const local = useLocalLabel();
  return (name: string, current: string | null): ComboboxItem[] =>
    (lists?.[name] ?? [])
      .filter((v) => v.active || v.key === current)
      .map((v) => ({ value: v.key, label: local(v.labels, v.key) }));
}

export function useAgentOptions(current: string | null): ComboboxItem[] {
  const agents = useAgents().data ?? [];
  return agents.filter((a) => a.active || a.id === current).map((a) => ({ value: a.id, label: a.name }));
}

const searchContacts = async (q: string): Promise<ComboboxItem[]> =>
  unwrap(await api.GET('/api/v1/contacts', { params: { query: { q, limit: 20 } } })).items.map((c) => ({
    value: c.id,
    label: c.emails[0] ? `${c.name} <${c.emails[0]}>` : c.name,
  }));
const searchOrganizations = async (q: string): Promise<ComboboxItem[]> =>
  unwrap(await api.GET('/api/v1/organizations', { params: { query: { q, limit: 20 } } })).items.map((o) => ({
    value: o.id,
    label: o.name,
  }));
const searchProducts = async (q: string): Promise<ComboboxItem[]> =>
  unwrap(await api.GET('/api/v1/products', { params: { query: { q, limit: 20 } } })).items.map((p) => ({
    value: p.id,
    label: p.code ? `${p.name} (${p.code})` : p.name,
  }));

const customOf = (ticket: Ticket, key: string): unknown => (ticket.custom as Record<string, unknown>)[key];
const textOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function CustomFieldEditor({ def }: { def: CustomField }): ReactElement {
  const { t } = useTranslation('ticket');
  const local = useLocalLabel();
  const { agent } = useSession();
  const { ticket } = useTicketEdit();
  const agentOptions = useAgentOptions(textOf(customOf(ticket, def.key)) || null);
  const zone = agent?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const field = `custom.${def.key}`;
  const label = local(def.labels, def.key);
  const patch = (value: unknown) => ({ custom: { [def.key]: value } });
  const common = { field, label, required: def.required };
  const options = def.options.map((o) => ({ value: o.key, label: local(o.labels, o.key) }));
  switch (def.type) {
    case 'checkbox':
      return (
        <CheckboxField {...common} read={(tk) => customOf(tk, def.key) === true} toPatch={(v) => patch(v)} />
      );
    case 'picklist':
      return (
        <SelectField
          {...common}
          data={options}
          clearable
          read={(tk) => textOf(customOf(tk, def.key)) || null}
          toPatch={(v) => patch(v)}
        />
      );
    case 'multi_picklist':
      return (
        <MultiSelectField
          {...common}
          data={options}
          read={(tk) => {
            const v = customOf(tk, def.key);
            return Array.isArray(v) ? v.map(String) : [];
          }}
          toPatch={(v) => patch(v.length ? v : null)}
        />
      );
    case 'user':
      return (
        <SelectField
          {...common}
          data={agentOptions}
          clearable
          searchable
          read={(tk) => textOf(customOf(tk, def.key)) || null}
          toPatch={(v) => patch(v)}
        />
      );
    case 'integer':
    case 'decimal': {
      const parse = (v: string) => Number(v.trim().replace(',', '.'));
      return (
        <TextField
          {...common}
          read={(tk) => textOf(customOf(tk, def.key))}
          validate={(v) => {
            if (!v.trim()) return null;
            const n = parse(v);
            if (!Number.isFinite(n)) return t('fields.notANumber');
            if (def.type === 'integer' && !Number.isSafeInteger(n)) return t('fields.notAWholeNumber');
            return null;
          }}
          toPatch={(v) => patch(v.trim() ? parse(v) : null)}
        />
      );
    }
    case 'date':
      return (
        <TextField
          {...common}
          type="date"
          read={(tk) => textOf(customOf(tk, def.key))}
          toPatch={(v) => patch(v || null)}
        />
      );
    case 'datetime':
      return (
        <TextField
          {...common}
          type="datetime-local"
          description={t('fields.inZone', { zone })}
          read={(tk) => isoToZonedInput(textOf(customOf(tk, def.key)) || null, zone)}
          validate={(v) => (v && !zonedInputToIso(v, zone) ? t('fields.notADate') : null)}
          toPatch={(v) => patch(v ? zonedInputToIso(v, zone) : null)}
        />
      );
    case 'long_text':
      return (
        <TextField
          {...common}
          multiline
          read={(tk) => textOf(customOf(tk, def.key))}
          toPatch={(v) => patch(v || null)}
        />
      );
    default:
      return (
        <TextField
          {...common}
          type={def.type === 'email' ? 'email' : def.type === 'url' ? 'url' : 'text'}
          read={(tk) => textOf(customOf(tk, def.key))}
          toPatch={(v) => patch(v.trim() || null)}
        />
      );
  }
}

export function TicketFieldsPanel(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticket } = useTicketEdit();
  const fieldLabel = useFieldLabel();
  const picklistOptions = usePicklistOptions();
  const departments = useDepartments().data ?? [];
  const defs = useCustomFields().data ?? [];
  const contact = useContact(ticket.contactId).data;
  const organization = useOrganization(ticket.organizationId ?? null).data;
  const product = useProduct(ticket.productId ?? null).data;
  // A field the agent's profile hides is absent from the ticket the server sends.
  const shown = (key: keyof Ticket): boolean => key in ticket;
  const custom = ticket.custom as Record<string, unknown>;
  const fieldAccess = useFieldAccess();
  const shownDefs = defs.filter(
    (d) =>
      fieldAccess(`custom.${d.key}`) !== 'hidden' &&
      (d.active || (custom[d.key] !== undefined && custom[d.key] !== null)),
  );

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="ticket-fields-title">
      <Title order={3} size="h6" id="ticket-fields-title" mb="xs">
        {t('panel.details')}
      </Title>
      <Stack gap={8}>
        {(['severity', 'category', 'type'] as const).filter(shown).map((name) => (
          <SelectField
            key={name}
            field={name}
            label={fieldLabel(name)}
            data={picklistOptions(name, ticket[name] ?? null)}
            clearable
            read={(tk) => tk[name] ?? null}
            toPatch={(v) => ({ [name]: v })}
          />
        ))}
        <SelectField
          field="departmentId"
          label={fieldLabel('departmentId')}
          data={departments
            .filter((d) => d.active || d.id === ticket.departmentId)
            .map((d) => ({ value: d.id, label: d.name }))}
          clearable
          read={(tk) => tk.departmentId}
          toPatch={(v) => ({ departmentId: v })}
        />
        <SearchSelectField
          field="contactId"
          label={fieldLabel('contactId')}
          current={contact ? { value: contact.id, label: contact.name } : null}
          search={searchContacts}
          read={(tk) => tk.contactId}
          toPatch={(v) => ({ contactId: v })}
        />
        {shown('organizationId') && (
          <SearchSelectField
            field="organizationId"
            label={fieldLabel('organizationId')}
            current={organization ? { value: organization.id, label: organization.name } : null}
            search={searchOrganizations}
            read={(tk) => tk.organizationId ?? null}
            toPatch={(v) => ({ organizationId: v })}
          />
        )}
        {shown('productId') && (
          <SearchSelectField
            field="productId"
            label={fieldLabel('productId')}
            current={product ? { value: product.id, label: product.name } : null}
            search={searchProducts}
            read={(tk) => tk.productId ?? null}
            toPatch={(v) => ({ productId: v })}
          />
        )}
        {shown('tags') && (
          <TagsField
            field="tags"
            label={fieldLabel('tags')}
            read={(tk) => tk.tags ?? []}
            toPatch={(v) => ({ tags: v })}
          />
        )}
        <TextField
          field="solution"
          label={fieldLabel('solution')}
          multiline
          read={(tk) => tk.solution}
          toPatch={(v) => ({ solution: v })}
        />
      </Stack>
      {shownDefs.length > 0 && (
        <>
          <Title order={3} size="h6" mt="md" mb="xs">
            {t('panel.customFields')}
          </Title>
          <Stack gap={8}>
            {shownDefs.map((def) => (
              <CustomFieldEditor key={def.id} def={def} />
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}
