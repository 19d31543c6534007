import * as z from 'zod/mini';
import { PHONE_RULE, toE164 } from '#packages/core/phone.ts';
import { LEAD_STATUSES } from '#packages/core/db/entities/lead.ts';
import { SCORING_FIELDS, SCORING_OPS } from '#packages/core/db/entities/lead-scoring-rule.ts';
import { IsoDate, Opportunity } from '#packages/features/opportunities/contract.ts';
import { Email, IsoDateTime, ListQuery, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const Name = z.string().check(z.trim(), z.maxLength(100));
const Phone = z.string().check(z.trim(), z.maxLength(32), z.refine((v) => toE164(v) !== undefined, PHONE_RULE));
const Probability = z.int().check(z.minimum(0), z.maximum(100));
const UserId = z.string().check(z.trim(), z.minLength(1), z.maxLength(128));
const Source = z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50));

const Person = z.object({
  email: Email,
  firstName: z.optional(Name),
  lastName: z.optional(Name),
  phone: z.optional(Phone),
});

const CompanyInfo = z.object({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  /** Any spelling (`https://www.acme.com`, `ACME.com`); stored normalized. Default: the email's domain unless it is free mail. */
  domain: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
});

export const LeadStatus = z.enum(LEAD_STATUSES);

/** Either an existing contact or an inline person, not both. */
export const CreateLead = z
  .object({
    contactId: z.optional(Ulid),
    person: z.optional(Person),
    company: z.optional(CompanyInfo),
    source: z.optional(Source),
    estimatedValue: z.optional(Money),
    probability: z.optional(Probability),
    assignedTo: z.optional(UserId),
  })
  .check(
    z.refine((v) => (v.contactId === undefined) !== (v.person === undefined), {
      message: 'give either contactId or person (with an email), not both',
      path: ['person'],
    }),
  )
  .register(z.globalRegistry, { id: 'CreateLead' });

/** `null` clears estimatedValue, probability or assignedTo. `status` moves forward only; `converted` only through convert. */
export const UpdateLead = z
  .object({
    person: z.optional(z.partial(Person)),
    company: z.optional(CompanyInfo),
    source: z.optional(Source),
    status: z.optional(LeadStatus),
    estimatedValue: z.optional(z.nullable(Money)),
    probability: z.optional(z.nullable(Probability)),
    assignedTo: z.optional(z.nullable(UserId)),
  })
  .register(z.globalRegistry, { id: 'UpdateLead' });

export const Lead = z
  .object({
    id: Ulid,
    contactId: z.optional(Ulid),
    person: z.object({
      email: z.string(),
      firstName: z.optional(z.string()),
      lastName: z.optional(z.string()),
      phone: z.optional(z.string()),
    }),
    company: z.object({ name: z.optional(z.string()), domain: z.optional(z.string()) }),
    /** The known company the lead belongs to; its facts count in the score. */
    companyId: z.optional(Ulid),
    source: z.optional(z.string()),
    status: LeadStatus,
    statusChangedAt: IsoDateTime,
    /** Computed from the lead-scoring rules; recomputed when the facts change. */
    score: z.int(),
    estimatedValue: z.optional(Money),
    probability: z.optional(z.int()),
    assignedTo: z.optional(z.string()),
    convertedContactId: z.optional(Ulid),
    convertedCompanyId: z.optional(Ulid),
    convertedOpportunityId: z.optional(Ulid),
    convertedAt: z.optional(IsoDateTime),
    createdBy: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Lead' });

/** At most one filter: each is served by its own index. */
export const LeadListQuery = z
  .extend(ListQuery, {
    status: z.optional(LeadStatus),
    contactId: z.optional(Ulid),
    companyId: z.optional(Ulid),
  })
  .check(
    z.refine((q) => [q.status, q.contactId, q.companyId].filter((v) => v !== undefined).length <= 1, {
      message: 'filter by one of status, contactId or companyId at a time',
      path: ['status'],
    }),
  );

/** Everything optional: the opportunity takes the lead's estimatedValue, the default pipeline and its first stage. */
export const ConvertLead = z.optional(
  z
    .object({
      opportunityName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
      amount: z.optional(Money),
      pipelineId: z.optional(Ulid),
      /** Default: 30 days from today. */
      expectedCloseDate: z.optional(IsoDate),
      assignedTo: z.optional(UserId),
    })
    .register(z.globalRegistry, { id: 'ConvertLead' }),
);

export const LeadConversion = z
  .object({ lead: Lead, opportunity: Opportunity })
  .register(z.globalRegistry, { id: 'LeadConversion' });

/** Numbers DynamoDB's document client stores exactly: beyond ±2^53 − 1 it refuses them (a 500, not the caller's 400). */
const RuleNumber = z.number().check(z.minimum(-Number.MAX_SAFE_INTEGER), z.maximum(Number.MAX_SAFE_INTEGER));
const RuleValue = z.union([z.string().check(z.maxLength(200)), RuleNumber, z.array(z.union([z.string().check(z.maxLength(200)), RuleNumber])).check(z.maxLength(50))]);

const ruleFields = {
  /** The fact: `company.industry`, `contact.eventsAttended`, `contact.emailClicks`, … */
  field: z.enum(SCORING_FIELDS),
  /** `eq`, `neq`, `in` (value is a list), `gt`/`gte`/`lt`/`lte` (numbers), `exists`, `per` (points for every `value` units, 1 by default). */
  op: z.enum(SCORING_OPS),
  value: z.optional(RuleValue),
  points: z.int().check(z.minimum(-1000), z.maximum(1000)),
  description: z.optional(z.string().check(z.trim(), z.maxLength(200))),
};

export const CreateLeadScoringRule = z.object(ruleFields).register(z.globalRegistry, { id: 'CreateLeadScoringRule' });

export const UpdateLeadScoringRule = z
  .extend(z.partial(z.object(ruleFields)), { value: z.optional(z.nullable(RuleValue)) })
  .register(z.globalRegistry, { id: 'UpdateLeadScoringRule' });

export const LeadScoringRule = z
  .object({ id: Ulid, ...ruleFields, description: z.optional(z.string()), ...Timestamps })
  .register(z.globalRegistry, { id: 'LeadScoringRule' });

export const ScoreCap = z.int().check(z.minimum(1), z.maximum(100_000));

export const UpdateLeadScoringSettings = z.object({ cap: ScoreCap }).register(z.globalRegistry, { id: 'UpdateLeadScoringSettings' });

export const LeadScoringSettings = z
  .object({
    /** A lead's score never exceeds it (default 100). */
    cap: z.int(),
    /** null until the settings were first saved. */
    updatedAt: z.nullable(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'LeadScoringSettings' });

export const RuleParams = z.object({ id: Ulid });

export type CreateLeadInput = z.infer<typeof CreateLead>;
export type UpdateLeadInput = z.infer<typeof UpdateLead>;
export type LeadView = z.infer<typeof Lead>;
export type LeadFilter = z.infer<typeof LeadListQuery>;
export type ConvertLeadInput = z.infer<typeof ConvertLead>;
export type LeadConversionView = z.infer<typeof LeadConversion>;
export type CreateLeadScoringRuleInput = z.infer<typeof CreateLeadScoringRule>;
export type UpdateLeadScoringRuleInput = z.infer<typeof UpdateLeadScoringRule>;
export type LeadScoringRuleView = z.infer<typeof LeadScoringRule>;
export type LeadScoringSettingsView = z.infer<typeof LeadScoringSettings>;
