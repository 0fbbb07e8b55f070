// Demo macros (W3): four shared ones the team uses every day (two of them in the languages of the
// regional desks) and a personal one of the demo sign-in agent, so the ticket page's "Apply macro"
// and the list's selection have something to offer.
import { createMacro } from '../modules/macros/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { DemoAgent, DemoCast } from './demo-model.ts';

/** Creates the demo macros; returns how many were added. */
export async function createDemoMacros(
  base: Omit<Ctx, 'actor'>,
  cast: Pick<DemoCast, 'admin' | 'agents' | 'groups'>,
  signIn: DemoAgent,
): Promise<number> {
  const admin: Ctx = { ...base, actor: cast.admin.actor };
  const l2 = cast.groups.get('l2')?.id;
  const shared = [
    {
      name: 'Ask for proof of purchase',
      description: 'Warranty requests: ask for the receipt and wait for the customer',
      actions: [
        { type: 'add_tags', tags: ['warranty'] },
        {
          type: 'reply',
          body: 'Hello,\n\nThank you for contacting us about {{ticket.subject}}. To open a warranty claim, could you send us a photo of the receipt or invoice, and the serial number printed under the device?\n\nKind regards',
        },
        { type: 'set_field', field: 'status', value: 'waiting_customer' },
      ],
    },
    {
      name: 'Escalate to Level 2',
      description: 'Hand the ticket to technical support L2 with a note for them',
      actions: [
        ...(l2 ? [{ type: 'assign', groupId: l2, agentId: null }] : []),
        { type: 'set_field', field: 'priority', value: 'high' },
        { type: 'add_tags', tags: ['escalated'] },
        {
          type: 'add_note',
          body: 'Escalated to L2: first-level checks done (restart, firmware, cables). Please take over {{ticket.number}}.',
        },
      ],
    },
    {
      name: 'Solved: thank you',
      description: 'Close the loop with the customer',
      actions: [
        {
          type: 'reply',
          body: 'Hello,\n\nWe are glad this is sorted. If anything else comes up about {{ticket.number}}, simply reply to this message and the ticket reopens.\n\nKind regards',
        },
        { type: 'set_field', field: 'status', value: 'resolved' },
      ],
    },
    {
      name: '保修：请提供购买凭证',
      description: '中文保修请求：请客户提供发票和序列号',
      actions: [
        { type: 'add_tags', tags: ['保修'] },
        {
          type: 'reply',
          body: '您好，\n\n感谢您就“{{ticket.subject}}”联系我们。办理保修需要购买凭证：请发送发票或收据的照片，以及设备底部的序列号。\n\n祝好',
        },
        { type: 'set_field', field: 'status', value: 'waiting_customer' },
      ],
    },
  ];
  let added = 0;
  // Loaded again into a help desk that has them: those already there are kept.
  const create = async (...args: Parameters<typeof createMacro>) => {
    try {
      await createMacro(...args);
      added += 1;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'duplicate')) throw err;
    }
  };
  for (const macro of shared) await create(admin, { ...macro, shared: true });
  await create(
    { ...base, actor: signIn.actor },
    {
      name: 'Chase the customer',
      description: 'My reminder when a customer has not answered',
      actions: [
        { type: 'add_tags', tags: ['follow-up'] },
        {
          type: 'reply',
          body: 'Hello,\n\nI am following up on {{ticket.number}}: do you still need our help? If we do not hear from you within a week, we will close this ticket.\n\nBest regards',
        },
      ],
    },
  );
  return added;
}
