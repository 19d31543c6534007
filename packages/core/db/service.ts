import { Service } from 'electrodb';
import { documentClient, tableName } from './client.ts';
import { contactEmailEntity } from './entities/contact-email.ts';
import { companyEntity } from './entities/company.ts';
import { companyDomainEntity } from './entities/company-domain.ts';
import { contactTagEntity } from './entities/contact-tag.ts';
import { contactEntity } from './entities/contact.ts';
import { eventEntity } from './entities/event.ts';
import { idempotencyRecordEntity } from './entities/idempotency-record.ts';
import { inventoryShardEntity } from './entities/inventory-shard.ts';
import { orderEntity } from './entities/order.ts';
import { orderHoldEntity } from './entities/order-hold.ts';
import { ticketEntity } from './entities/ticket.ts';
import { refundEntity } from './entities/refund.ts';
import { refundReservationEntity } from './entities/refund-reservation.ts';
import { voucherEntity } from './entities/voucher.ts';
import { bundleEntity } from './entities/bundle.ts';
import { checkInListEntity } from './entities/check-in-list.ts';
import { checkInEntity } from './entities/check-in.ts';
import { statsShardEntity } from './entities/stats-shard.ts';
import { outboxEventEntity } from './entities/outbox-event.ts';
import { processedEventEntity } from './entities/processed-event.ts';
import { eventAttendeeEntity } from './entities/event-attendee.ts';
import { segmentEntity } from './entities/segment.ts';
import { segmentMemberEntity } from './entities/segment-member.ts';
import { timelineEntryEntity } from './entities/timeline-entry.ts';
import { interactionEntity } from './entities/interaction.ts';
import { taskEntity } from './entities/task.ts';
import { noteEntity } from './entities/note.ts';
import { ticketTypeEntity } from './entities/ticket-type.ts';
import { venueEntity } from './entities/venue.ts';
import { leadEntity } from './entities/lead.ts';
import { leadScoringRuleEntity } from './entities/lead-scoring-rule.ts';
import { leadScoringSettingsEntity } from './entities/lead-scoring-settings.ts';
import { pipelineEntity } from './entities/pipeline.ts';
import { defaultPipelineEntity } from './entities/default-pipeline.ts';
import { opportunityEntity } from './entities/opportunity.ts';
import { opportunityStageChangeEntity } from './entities/opportunity-stage-change.ts';
import { roleEntity } from './entities/role.ts';
import { roleNameEntity } from './entities/role-name.ts';
import { userEntity } from './entities/user.ts';
import { userNameEntity } from './entities/user-name.ts';
import { userEmailEntity } from './entities/user-email.ts';
import { campaignCounterEntity } from './entities/campaign-counter.ts';
import { suppressionEntity } from './entities/suppression.ts';
import { consentRecordEntity } from './entities/consent-record.ts';
import { campaignEngagementEntity } from './entities/campaign-engagement.ts';
import { campaignAttributionEntity } from './entities/campaign-attribution.ts';
import { campaignEntity } from './entities/campaign.ts';
import { campaignRecipientEntity } from './entities/campaign-recipient.ts';
import { eventCancellationEntity } from './entities/event-cancellation.ts';
import { cancellationOrderEntity } from './entities/cancellation-order.ts';

const entities = {
  venue: venueEntity,
  role: roleEntity,
  roleName: roleNameEntity,
  user: userEntity,
  userName: userNameEntity,
  userEmail: userEmailEntity,
  event: eventEntity,
  ticketType: ticketTypeEntity,
  contact: contactEntity,
  contactEmail: contactEmailEntity,
  company: companyEntity,
  companyDomain: companyDomainEntity,
  contactTag: contactTagEntity,
  processedEvent: processedEventEntity,
  outboxEvent: outboxEventEntity,
  statsShard: statsShardEntity,
  checkIn: checkInEntity,
  checkInList: checkInListEntity,
  bundle: bundleEntity,
  voucher: voucherEntity,
  idempotencyRecord: idempotencyRecordEntity,
  refund: refundEntity,
  refundReservation: refundReservationEntity,
  ticket: ticketEntity,
  orderHold: orderHoldEntity,
  order: orderEntity,
  inventoryShard: inventoryShardEntity,
  timelineEntry: timelineEntryEntity,
  lead: leadEntity,
  leadScoringRule: leadScoringRuleEntity,
  leadScoringSettings: leadScoringSettingsEntity,
  pipeline: pipelineEntity,
  defaultPipeline: defaultPipelineEntity,
  opportunity: opportunityEntity,
  opportunityStageChange: opportunityStageChangeEntity,
  interaction: interactionEntity,
  task: taskEntity,
  note: noteEntity,
  eventAttendee: eventAttendeeEntity,
  campaignCounter: campaignCounterEntity,
  suppression: suppressionEntity,
  consentRecord: consentRecordEntity,
  campaignEngagement: campaignEngagementEntity,
  campaignAttribution: campaignAttributionEntity,
  campaign: campaignEntity,
  campaignRecipient: campaignRecipientEntity,
  segment: segmentEntity,
  segmentMember: segmentMemberEntity,
  eventCancellation: eventCancellationEntity,
  cancellationOrder: cancellationOrderEntity,
};

function build(table: string) {
  return new Service(entities, { client: documentClient, table });
}

export type Db = ReturnType<typeof build>;

const byTable = new Map<string, Db>();

/** The ElectroDB service bound to this process's table (TABLE_NAME). */
export function db(): Db {
  const table = tableName();
  let service = byTable.get(table);
  if (!service) {
    service = build(table);
    byTable.set(table, service);
  }
  return service;
}
