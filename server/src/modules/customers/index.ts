// Customers: contacts (people), organizations (companies) and products, the customer lookup of
// the new-ticket form (T10) and their full-text search. Other modules read customers through this
// file only; tickets use find*/get* to check that the contact, organization and product exist.
export {
  type ContactDto,
  type ContactInput,
  createContact,
  findContact,
  findContactByEmail,
  getContact,
  isEmailAddress,
  listContacts,
  normalizeEmail,
  updateContact,
} from './contacts.ts';
export {
  type CustomerLookup,
  getLookupMode,
  type LookupContact,
  type LookupMode,
  lookupCustomers,
} from './customer-lookup.ts';
export { searchContacts, searchOrganizations } from './customer-search.ts';
export {
  createOrganization,
  findOrganization,
  getOrganization,
  listOrganizations,
  type OrganizationDto,
  type OrganizationInput,
  type OrganizationTier,
  organizationForEmailDomain,
} from './organizations.ts';
export {
  createProduct,
  findProduct,
  getProduct,
  listProducts,
  type ProductDto,
  type ProductInput,
} from './products.ts';
export { ContactSchema, customersRoutes, OrganizationSchema } from './routes.ts';
export { contactEmails, contacts, ORGANIZATION_TIERS, organizations, products } from './schema.ts';
