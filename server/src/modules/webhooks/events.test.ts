// Which webhook event a ticket event is.
import { describe, expect, it } from 'vitest';
import { possibleEvents, ruleDeliveryOf, webhookEventOf } from './events.ts';

describe('webhook events', () => {
  it('name ticket events after what happened, a message after its kind', () => {
    expect(webhookEventOf({ kind: 'created', data: {} })).toBe('ticket.created');
    expect(webhookEventOf({ kind: 'assigned', data: {} })).toBe('ticket.updated');
    expect(webhookEventOf({ kind: 'status_changed', data: {} })).toBe('ticket.updated');
    expect(webhookEventOf({ kind: 'message_added', data: { kind: 'reply' } })).toBe('ticket.replied');
    expect(webhookEventOf({ kind: 'message_added', data: { kind: 'note' } })).toBe('ticket.note_added');
    expect(webhookEventOf({ kind: 'message_added', data: { kind: 'customer' } })).toBe(
      'ticket.customer_replied',
    );
    expect(webhookEventOf({ kind: 'merged_into', data: {} })).toBe('ticket.merged');
    expect(webhookEventOf({ kind: 'merged_from', data: {} })).toBeNull();
    expect(webhookEventOf({ kind: 'team_member_added', data: {} })).toBeNull();
  });

  it('know which events a change may give before its data is read', () => {
    expect(possibleEvents(['message_added', 'status_changed'])).toEqual([
      'ticket.replied',
      'ticket.customer_replied',
      'ticket.note_added',
      'ticket.updated',
    ]);
    expect(possibleEvents(['team_member_added', 'sla_policy_changed'])).toEqual([]);
  });

  it('read the webhooks a rule names, and nothing from malformed data', () => {
    expect(
      ruleDeliveryOf({ kind: 'rule_applied', data: { ruleId: 'r1', ruleName: 'VIP', webhookIds: ['w1'] } }),
    ).toEqual({ ruleId: 'r1', ruleName: 'VIP', webhookIds: ['w1'] });
    expect(ruleDeliveryOf({ kind: 'rule_applied', data: { webhookIds: 'w1' } })).toBeNull();
    expect(ruleDeliveryOf({ kind: 'created', data: { webhookIds: ['w1'] } })).toBeNull();
  });
});
