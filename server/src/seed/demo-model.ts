// The shapes the demo data set is built from: the people and things created first, and the
// ticket stories written in five languages.
import type { Actor } from '../platform/context.ts';
import type { Language } from '../platform/i18n.ts';

export type GroupKey =
  | 'general'
  | 'l1'
  | 'l2'
  | 'vip'
  | 'refunds'
  | 'repairs'
  | 'china'
  | 'taiwan'
  | 'france'
  | 'cis';

/** What a ticket is about; each product belongs to one kind. */
export type ProductKind = 'printer' | 'router' | 'software' | 'warranty' | 'supplies';

export interface DemoAgent {
  id: string;
  name: string;
  language: Language;
  groups: GroupKey[];
  actor: Actor;
}

export interface DemoGroup {
  key: GroupKey;
  id: string;
  departmentId: string;
  members: DemoAgent[];
}

export interface DemoContact {
  id: string;
  name: string;
  /** How a reply greets them: the given name, or the full name in Chinese. */
  greetingName: string;
  language: Language;
  vip: boolean;
  organizationTier: 'vip' | 'high_value' | 'standard' | null;
}

export interface DemoProduct {
  id: string;
  name: string;
  /** Short model name used in subjects ("P200"). */
  model: string;
  kind: ProductKind;
}

/** Everything the tickets refer to, created (or found) before the tickets. */
export interface DemoCast {
  admin: DemoAgent;
  agents: DemoAgent[];
  groups: Map<GroupKey, DemoGroup>;
  contacts: DemoContact[];
  products: DemoProduct[];
}

export type Category = 'question' | 'problem' | 'feature_request' | 'returns_repair';
export type TicketType = 'incident' | 'service_request' | 'warranty' | 'complaint';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Severity = 'minor' | 'major' | 'critical';
/** The function a story belongs to; tickets in other languages than English go to that language's team. */
export type Team = 'general' | 'l1' | 'l2' | 'refunds' | 'repairs';

/**
 * One kind of request with the conversation it usually has. Text may hold `{product}` (the model),
 * `{order}` and `{serial}`, filled per ticket.
 */
export interface Story {
  subject: string;
  description: string;
  product: ProductKind | null;
  /** Only these models of the kind fit the story (e.g. a router that is not the mesh system). */
  models?: string[];
  category: Category;
  type: TicketType;
  severity?: Severity;
  priority: Priority;
  team: Team;
  tags: string[];
  /** The agent's public replies: the first answer, a follow-up, the fix. */
  replies: [string, string, string];
  /** The customer's answers: to the first reply, and the confirmation that it is fixed. */
  customer: [string, string];
  /** An internal note. */
  note: string;
  solution: string;
}

/** The wording around the stories in one language. */
export interface Phrases {
  /** Wraps an agent's reply with a greeting and a signature. */
  reply(greetingName: string, body: string, agentName: string): string;
  /** Prefix of the note an agent writes while on the phone. */
  callNotes: string;
  /** A customer asking for news. */
  nudges: string[];
  /** A customer saying the problem came back after it was resolved. */
  reopens: string[];
  /** An agent's note when handing a ticket to second-level support. */
  escalationNotes: string[];
  /** Prefix of a duplicate request sent again through another channel. */
  resent: string;
}

export interface LanguagePack {
  language: Language;
  stories: Story[];
  phrases: Phrases;
}
