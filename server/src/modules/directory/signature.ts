// An agent's signature: a little formatted HTML, kept to an allow-list of basic formatting.
import sanitizeHtml from 'sanitize-html';

export const MAX_SIGNATURE_LENGTH = 10_000;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

export function sanitizeSignature(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
