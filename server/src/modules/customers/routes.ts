// HTTP routes of the customers module: organizations, contacts, products, customer lookup (T10)
// and its setting. Schemas in, one service call, schemas out.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import {
  type AppDeps,
  ctxOf,
  errorResponses,
  IdParams,
  noContent,
  requireAgent,
  Uuid,
} from '../../platform/http.ts';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './contacts.ts';
import { getLookupMode, LOOKUP_MODES, lookupCustomers, setLookupMode } from './customer-lookup.ts';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from './organizations.ts';
import { createProduct, getProduct, listProducts, updateProduct } from './products.ts';
import { ORGANIZATION_TIERS } from './schema.ts';

const strict = { additionalProperties: false } as const;

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Notes = Type.String({ maxLength: 10_000 });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Phone = Type.String({ minLength: 3, maxLength: 50 });
const Domain = Type.String({ minLength: 3, maxLength: 253 });
const Custom = Type.Record(Type.String(), Type.Unknown(), { maxProperties: 200 });
const Tier = Type.Enum(ORGANIZATION_TIERS);
const Language = Type.Enum(['en', 'zh-CN', 'zh-TW', 'ru', 'fr']);
const LookupMode = Type.Enum(LOOKUP_MODES);
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Limit = Type.Integer({ minimum: 1, maximum: 200 });
const Cursor = Type.String({ minLength: 1, maxLength: 1000 });
const Query = Type.String({ maxLength: 200 });

export const OrganizationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  tier: Tier,
  emailDomains: Type.Array(Type.String()),
  accountManagerId: Nullable(Uuid),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  notes: Type.String(),
  custom: Custom,
  createdAt: Instant,
  updatedAt: Instant,
});

export const ContactSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  organizationId: Nullable(Uuid),
  language: Language,
  vip: Type.Boolean(),
  notes: Type.String(),
  custom: Custom,
  createdAt: Instant,
  updatedAt: Instant,
});

const ProductSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  code: Nullable(Type.String()),
  description: Type.String(),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});

const LookupContactSchema = Type.Object({
  ...ContactSchema.properties,
  organization: Nullable(Type.Object({ id: Uuid, name: Type.String(), tier: Tier })),
});

const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

const organizationFields = {
  tier: Type.Optional(Tier),
  emailDomains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
  accountManagerId: Type.Optional(Nullable(Uuid)),
  phone: Type.Optional(Nullable(Phone)),
  website: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  notes: Type.Optional(Notes),
  custom: Type.Optional(Custom),
};
const CreateOrganizationBody = Type.Object({ name: Name, ...organizationFields }, strict);
const UpdateOrganizationBody = Type.Object({ name: Type.Optional(Name), ...organizationFields }, strict);

const contactFields = {
  emails: Type.Optional(Type.Array(Email, { maxItems: 50 })),
  phones: Type.Optional(Type.Array(Phone, { maxItems: 50 })),
  organizationId: Type.Optional(Nullable(Uuid)),
  language: Type.Optional(Language),
  vip: Type.Optional(Type.Boolean()),
  notes: Type.Optional(Notes),
  custom: Type.Optional(Custom),
};
const CreateContactBody = Type.Object({ name: Name, ...contactFields }, strict);
const UpdateContactBody = Type.Object({ name: Type.Optional(Name), ...contactFields }, strict);

const productFields = {
  code: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  description: Type.Optional(Notes),
  active: Type.Optional(Type.Boolean()),
};
const CreateProductBody = Type.Object({ name: Name, ...productFields }, strict);
const UpdateProductBody = Type.Object({ name: Type.Optional(Name), ...productFields }, strict);

export function customersRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const db = deps.database.db;
  return async (app) => {
    // Organizations
    app.get(
      '/api/v1/organizations',
      {
        schema: {
          tags: ['organizations'],
          description:
            'Organizations by name, a page at a time; q matches part of the name or an email domain.',
          summary: 'List organizations by name; q matches part of the name or an email domain',
          querystring: Type.Object(
            {
              q: Type.Optional(Query),
              tier: Type.Optional(Tier),
              limit: Type.Optional(Limit),
              cursor: Type.Optional(Cursor),
            },
            strict,
          ),
          response: { 200: pageOf(OrganizationSchema), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return listOrganizations(db, { ...request.query, limit: request.query.limit ?? 50 });
      },
    );
    app.post(
      '/api/v1/organizations',
      {
        schema: {
          tags: ['organizations'],
          description:
            'Creates an organization (a customer company). Its email domains link new contacts with those addresses to it automatically.',
          summary: 'Create an organization',
          body: withExample(CreateOrganizationBody, {
            name: 'Northwind Traders',
            tier: 'high_value',
            emailDomains: ['northwind.example'],
            accountManagerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
            phone: '+1 206 555 0100',
            website: 'https://northwind.example',
          }),
          response: { 201: OrganizationSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOrganization(ctxOf(request, deps), request.body)),
    );
    app.get(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags: ['organizations'],
          description: 'One organization; 404 if there is none.',
          summary: 'One organization',
          params: IdParams,
          response: { 200: OrganizationSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return getOrganization(db, request.params.id);
      },
    );
    app.patch(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags: ['organizations'],
          description:
            'Changes the given fields of an organization; emailDomains, when given, replaces the list.',
          summary: 'Change an organization',
          params: IdParams,
          body: withExample(UpdateOrganizationBody, { tier: 'vip', notes: 'Renewal due in March.' }),
          response: { 200: OrganizationSchema, ...errorResponses },
        },
      },
      async (request) => updateOrganization(ctxOf(request, deps), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags: ['organizations'],
          description:
            'Deletes an organization that has no contacts and no tickets (administrators); otherwise 409.',
          summary: 'Delete an organization without contacts or tickets (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteOrganization(ctxOf(request, deps), request.params.id);
        return noContent(reply);
      },
    );

    // Contacts
    app.get(
      '/api/v1/contacts',
      {
        schema: {
          tags: ['contacts'],
          description:
            'Contacts by name, a page at a time; q matches part of the name, an email address or a phone number.',
          summary: 'List contacts by name; q matches part of the name, an email address or a phone number',
          querystring: Type.Object(
            {
              q: Type.Optional(Query),
              organizationId: Type.Optional(Uuid),
              limit: Type.Optional(Limit),
              cursor: Type.Optional(Cursor),
            },
            strict,
          ),
          response: { 200: pageOf(ContactSchema), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return listContacts(db, { ...request.query, limit: request.query.limit ?? 50 });
      },
    );
    app.post(
      '/api/v1/contacts',
      {
        schema: {
          tags: ['contacts'],
          description:
            "Creates a contact (a customer person). Each email address belongs to one contact at most (409 names the address taken). Without organizationId the organization of an email's domain is linked; null links none.",
          summary: 'Create a contact; without organizationId, the organization of an email domain is linked',
          body: withExample(CreateContactBody, {
            name: 'Nina Novak',
            emails: ['nina.novak@northwind.example'],
            phones: ['+1 206 555 0142'],
            language: 'en',
            vip: false,
          }),
          response: { 201: ContactSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createContact(ctxOf(request, deps), request.body)),
    );
    app.get(
      '/api/v1/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          description: 'One contact with their email addresses (the first is the primary one).',
          summary: 'One contact',
          params: IdParams,
          response: { 200: ContactSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return getContact(db, request.params.id);
      },
    );
    app.patch(
      '/api/v1/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          description:
            'Changes the given fields of a contact; emails and phones, when given, replace the current ones.',
          summary: 'Change a contact; emails and phones, when given, replace the current ones',
          params: IdParams,
          body: withExample(UpdateContactBody, { phones: ['+1 206 555 0199'], vip: true }),
          response: { 200: ContactSchema, ...errorResponses },
        },
      },
      async (request) => updateContact(ctxOf(request, deps), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          description: 'Deletes a contact who has no tickets (administrators); otherwise 409.',
          summary: 'Delete a contact without tickets (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteContact(ctxOf(request, deps), request.params.id);
        return noContent(reply);
      },
    );

    // Customer lookup (T10)
    app.get(
      '/api/v1/customers/lookup',
      {
        schema: {
          tags: ['customers'],
          description:
            'Finds contacts and organizations while an agent types in the new-ticket form, by name, email or phone, exactly or fuzzily as the administrator chose (/api/v1/settings/customer-lookup).',
          summary:
            'Find contacts and organizations for the new-ticket form, exactly or fuzzily as the administrator chose',
          querystring: Type.Object(
            {
              q: Type.String({ minLength: 1, maxLength: 200 }),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              mode: LookupMode,
              contacts: Type.Array(LookupContactSchema),
              organizations: Type.Array(OrganizationSchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireAgent(request);
        return lookupCustomers(db, request.query.q, { limit: request.query.limit ?? 10 });
      },
    );
    const LookupSetting = Type.Object({ mode: LookupMode }, strict);
    app.get(
      '/api/v1/settings/customer-lookup',
      {
        schema: {
          tags: ['settings'],
          description: 'How the customer lookup matches: exact (prefixes) or fuzzy (similar spellings too).',
          summary: 'How customer lookup matches: exact or fuzzy',
          response: { 200: LookupSetting, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return { mode: await getLookupMode(db) };
      },
    );
    app.put(
      '/api/v1/settings/customer-lookup',
      {
        schema: {
          tags: ['settings'],
          description: 'Chooses how the customer lookup matches (administrators).',
          summary: 'Choose how customer lookup matches (administrators)',
          body: withExample(LookupSetting, { mode: 'fuzzy' }),
          response: { 200: LookupSetting, ...errorResponses },
        },
      },
      async (request) => ({ mode: await setLookupMode(ctxOf(request, deps), request.body.mode) }),
    );

    // Products
    app.get(
      '/api/v1/products',
      {
        schema: {
          tags: ['products'],
          description: 'Products by name, a page at a time; q matches part of the name or the code.',
          summary: 'List products by name; q matches part of the name or code',
          querystring: Type.Object(
            {
              q: Type.Optional(Query),
              active: Type.Optional(Type.Boolean()),
              limit: Type.Optional(Limit),
              cursor: Type.Optional(Cursor),
            },
            strict,
          ),
          response: { 200: pageOf(ProductSchema), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return listProducts(db, { ...request.query, limit: request.query.limit ?? 100 });
      },
    );
    app.post(
      '/api/v1/products',
      {
        schema: {
          tags: ['products'],
          description: 'Creates a product that tickets can be about (administrators).',
          summary: 'Create a product (administrators)',
          body: withExample(CreateProductBody, {
            name: 'LaserJet 500',
            code: 'LJ-500',
            description: 'Office laser printer',
          }),
          response: { 201: ProductSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createProduct(ctxOf(request, deps), request.body)),
    );
    app.get(
      '/api/v1/products/:id',
      {
        schema: {
          tags: ['products'],
          description: 'One product; 404 if there is none.',
          summary: 'One product',
          params: IdParams,
          response: { 200: ProductSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return getProduct(db, request.params.id);
      },
    );
    app.patch(
      '/api/v1/products/:id',
      {
        schema: {
          tags: ['products'],
          description:
            'Changes a product or deactivates it (active: false: it stays on existing tickets but cannot be chosen anew) (administrators).',
          summary: 'Change or deactivate (active: false) a product (administrators)',
          params: IdParams,
          body: withExample(UpdateProductBody, { active: false }),
          response: { 200: ProductSchema, ...errorResponses },
        },
      },
      async (request) => updateProduct(ctxOf(request, deps), request.params.id, request.body),
    );
  };
}
