import type { TemplateNameValue, WorkflowDefinitionValue } from './contract.ts';

interface Template {
  description: string;
  /** Parameter → what it is (a default after `=`). */
  params: Record<string, string>;
  build(p: Record<string, string>): WorkflowDefinitionValue;
}

/** The ready-made workflows; `POST /v1/workflows {template, params}` makes one of them a workflow of its own. */
export const templates: Record<TemplateNameValue, Template> = {
  checked_in_thank_you: {
    description: 'Checked in → a thank-you with the feedback link the next morning (09:00 in the venue’s time zone)',
    params: { feedbackUrl: 'the feedback form’s URL', at: 'local time next morning = 09:00' },
    build: (p) => ({
      trigger: { type: 'event', eventType: 'ticket.checked_in', filter: { path: 'event.type', op: 'eq', value: 'entry' } },
      steps: [
        { type: 'wait', nextDayAt: p.at ?? '09:00' },
        {
          type: 'send_email',
          subject: 'Thank you for coming to {{event.name}}',
          text: 'Hi {{contact.firstName}},\n\nthank you for coming to {{event.name}}. Tell us how it was: ' + (p.feedbackUrl ?? '{{feedbackUrl}}') + '\n',
          marketing: false,
        },
      ],
      reEnrolment: { mode: 'always', cooldownHours: 12 },
    }),
  },
  vip_purchase_task: {
    description: 'A VIP bought (a ticket of the VIP type, or a contact with the VIP tag) → a task for the account manager, due in a day',
    params: { accountManagerId: 'user id of the account manager', vipTicketType: 'ticket type name = VIP', vipTag: 'contact tag = vip' },
    build: (p) => ({
      trigger: { type: 'event', eventType: 'order.paid' },
      conditions: {
        any: [
          { path: 'event.ticketTypeNames', op: 'contains', value: p.vipTicketType ?? 'VIP' },
          { path: 'contact.tags', op: 'contains', value: p.vipTag ?? 'vip' },
        ],
      },
      steps: [
        {
          type: 'create_task',
          title: 'VIP order: call {{contact.firstName}} ({{contact.email}})',
          description: 'Order {{event.orderId}} for {{event.name}} was paid.',
          assignedTo: p.accountManagerId ?? 'unassigned',
          dueInHours: 24,
        },
      ],
      reEnrolment: { mode: 'always', cooldownHours: 0 },
    }),
  },
  expired_order_reminder: {
    description: 'An order expired unpaid → a reminder after 1 hour (ends early if the contact buys meanwhile)',
    params: { delaySeconds: 'the wait = 3600' },
    build: (p) => ({
      trigger: { type: 'event', eventType: 'order.expired' },
      steps: [
        { type: 'wait', seconds: Number(p.delaySeconds ?? 3600) },
        {
          type: 'send_email',
          subject: 'Your tickets for {{event.name}} are still waiting',
          text: 'Hi {{contact.firstName}},\n\nyour order for {{event.name}} expired before it was paid. The tickets may still be available.\n',
          marketing: false,
        },
      ],
      reEnrolment: { mode: 'always', cooldownHours: 24 },
    }),
  },
  event_reminder: {
    description: '3 days before the event (10:00 in the venue’s time zone) → a reminder to each buyer of tickets',
    params: { daysBefore: 'days before the start = 3', at: 'local time = 10:00' },
    build: (p) => ({
      trigger: { type: 'event', eventType: 'order.paid' },
      steps: [
        { type: 'wait', beforeEventStart: { days: Number(p.daysBefore ?? 3), at: p.at ?? '10:00' } },
        {
          type: 'send_email',
          subject: 'See you soon at {{event.name}}',
          text: 'Hi {{contact.firstName}},\n\n{{event.name}} starts {{event.startsAt}}. Your tickets are in your order confirmation.\n',
          marketing: false,
        },
      ],
      reEnrolment: { mode: 'always', cooldownHours: 0 },
    }),
  },
};
