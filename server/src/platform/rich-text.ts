// Rich text written in the console (replies, notes, signatures): sanitized to an allow-list that
// matches the composer's marks and nodes, and a plain-text part derived from it.
import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/** Where an image in the text finds an attachment of a ticket: this prefix, then the attachment's id. */
export function attachmentPathPrefix(ticketId: string): string {
  return `/api/v1/tickets/${ticketId}/attachments/`;
}

/** An image may only show an attachment of the ticket it is written on (no tracking pixels). */
const ATTACHMENT_SRC = /^\/api\/v1\/tickets\/([0-9a-f-]{36})\/attachments\/([0-9a-f-]{36})$/i;

const BASE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'a',
    'img',
  ],
  allowedAttributes: { a: ['href', 'target', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // No style, class or event handler survives; script, style, iframe… go with their content.
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
  },
};

export interface SanitizeOptions {
  /** Images must point at this ticket's attachments; without it, no image is kept. */
  ticketId?: string | undefined;
}

/** The allow-listed HTML; links open apart, images are this ticket's attachments only. */
export function sanitizeRichText(html: string, opts: SanitizeOptions = {}): string {
  const clean = sanitizeHtml(html, {
    ...BASE,
    exclusiveFilter: (frame) => {
      if (frame.tag === 'img') {
        const m = ATTACHMENT_SRC.exec(frame.attribs.src ?? '');
        return !m || !opts.ticketId || m[1]!.toLowerCase() !== opts.ticketId.toLowerCase();
      }
      return false;
    },
  });
  return clean.trim();
}

/** The attachment ids the (sanitized) HTML shows as images. */
export function inlineAttachmentIds(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) {
    const found = ATTACHMENT_SRC.exec(m[1]!);
    if (found) ids.add(found[2]!.toLowerCase());
  }
  return [...ids];
}

/** The plain-text part: what search, notifications and plain mail read. */
export function richTextToPlain(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  }).trim();
}

/** True when the HTML shows nothing: no text and no image. */
export function isBlankRichText(html: string): boolean {
  return !richTextToPlain(html) && !/<img\s/i.test(html);
}
