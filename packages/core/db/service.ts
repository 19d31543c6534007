import loadElectroDB from './electrodb-lazy.cjs';
import { documentClient, tableName } from './client.ts';
import { installAuditInterceptor } from '../audit/audit-interceptor.ts';
import { contactEmailSchema } from './entities/contact-email.ts';
import { ltvBuyerSchema } from './entities/ltv-buyer.ts';
import { ltvModelSchema } from './entities/ltv-model.ts';
import { companySchema } from './entities/company.ts';
import { companyDomainSchema } from './entities/company-domain.ts';
import { contactTagSchema } from './entities/contact-tag.ts';
import { contactSchema } from './entities/contact.ts';
import { eventSchema } from './entities/event.ts';
import { idempotencyRecordSchema } from './entities/idempotency-record.ts';
import { inventoryShardSchema } from './entities/inventory-shard.ts';
import { orderSchema } from './entities/order.ts';
import { orderHoldSchema } from './entities/order-hold.ts';
import { ticketSchema } from './entities/ticket.ts';
import { refundSchema } from './entities/refund.ts';
import { refundReservationSchema } from './entities/refund-reservation.ts';
import { voucherSchema } from './entities/voucher.ts';
import { bundleSchema } from './entities/bundle.ts';
import { checkInListSchema } from './entities/check-in-list.ts';
import { checkInSchema } from './entities/check-in.ts';
import { statsShardSchema } from './entities/stats-shard.ts';
import { outboxEventSchema } from './entities/outbox-event.ts';
import { processedEventSchema } from './entities/processed-event.ts';
import { eventAttendeeSchema } from './entities/event-attendee.ts';
import { segmentSchema } from './entities/segment.ts';
import { segmentMemberSchema } from './entities/segment-member.ts';
import { timelineEntrySchema } from './entities/timeline-entry.ts';
import { interactionSchema } from './entities/interaction.ts';
import { taskSchema } from './entities/task.ts';
import { noteSchema } from './entities/note.ts';
import { ticketTypeSchema } from './entities/ticket-type.ts';
import { venueSchema } from './entities/venue.ts';
import { leadSchema } from './entities/lead.ts';
import { leadScoringRuleSchema } from './entities/lead-scoring-rule.ts';
import { leadScoringSettingsSchema } from './entities/lead-scoring-settings.ts';
import { pipelineSchema } from './entities/pipeline.ts';
import { defaultPipelineSchema } from './entities/default-pipeline.ts';
import { opportunitySchema } from './entities/opportunity.ts';
import { opportunityStageChangeSchema } from './entities/opportunity-stage-change.ts';
import { roleSchema } from './entities/role.ts';
import { roleNameSchema } from './entities/role-name.ts';
import { userSchema } from './entities/user.ts';
import { userNameSchema } from './entities/user-name.ts';
import { userEmailSchema } from './entities/user-email.ts';
import { campaignCounterSchema } from './entities/campaign-counter.ts';
import { suppressionSchema } from './entities/suppression.ts';
import { consentRecordSchema } from './entities/consent-record.ts';
import { consentStateSchema } from './entities/consent-state.ts';
import { consentPurposeSchema } from './entities/consent-purpose.ts';
import { consentTextSchema } from './entities/consent-text.ts';
import { dataImportSchema } from './entities/data-import.ts';
import { importChunkSchema } from './entities/import-chunk.ts';
import { erasedEmailSchema } from './entities/erased-email.ts';
import { contactExternalIdSchema } from './entities/contact-external-id.ts';
import { importChangeSchema } from './entities/import-change.ts';
import { campaignEngagementSchema } from './entities/campaign-engagement.ts';
import { campaignAttributionSchema } from './entities/campaign-attribution.ts';
import { campaignSchema } from './entities/campaign.ts';
import { campaignRecipientSchema } from './entities/campaign-recipient.ts';
import { campaignVariantCounterSchema } from './entities/campaign-variant-counter.ts';
import { eventCancellationSchema } from './entities/event-cancellation.ts';
import { cancellationOrderSchema } from './entities/cancellation-order.ts';
import { webhookEndpointSchema } from './entities/webhook-endpoint.ts';
import { webhookDeliverySchema } from './entities/webhook-delivery.ts';
import { webhookAttemptSchema } from './entities/webhook-attempt.ts';
import { workflowSchema } from './entities/workflow.ts';
import { workflowVersionSchema } from './entities/workflow-version.ts';
import { workflowRunSchema } from './entities/workflow-run.ts';
import { workflowRunStepSchema } from './entities/workflow-run-step.ts';
import { workflowEnrolmentSchema } from './entities/workflow-enrolment.ts';
import { seatSchema } from './entities/seat.ts';
import { seatMapSchema } from './entities/seat-map.ts';
import { seatingSchema } from './entities/seating.ts';
import { venueSeatMapSchema } from './entities/venue-seat-map.ts';
import { rateWindowSchema } from './entities/rate-window.ts';
import { vipTableSchema } from './entities/vip-table.ts';
import { tableBookingSchema } from './entities/table-booking.ts';
import { promoterSchema } from './entities/promoter.ts';
import { promoterCodeSchema } from './entities/promoter-code.ts';
import { commissionPlanSchema } from './entities/commission-plan.ts';
import { promoterLinkSchema } from './entities/promoter-link.ts';
import { promoterClickSchema } from './entities/promoter-click.ts';
import { promoterOrderSchema } from './entities/promoter-order.ts';
import { commissionLineSchema } from './entities/commission-line.ts';
import { promoterPayoutSchema } from './entities/promoter-payout.ts';
import { guestListSchema } from './entities/guest-list.ts';
import { guestTierCountSchema } from './entities/guest-tier-count.ts';
import { guestSchema } from './entities/guest.ts';
import { guestIdentitySchema } from './entities/guest-identity.ts';
import { roomSchema } from './entities/room.ts';
import { sessionSchema } from './entities/session.ts';
import { scheduleVersionSchema } from './entities/schedule-version.ts';
import { sessionSeatsSchema } from './entities/session-seats.ts';
import { sessionRegistrationSchema } from './entities/session-registration.ts';
import { attendeeScheduleSchema } from './entities/attendee-schedule.ts';
import { sessionOfferSchema } from './entities/session-offer.ts';
import { sessionCheckInSchema } from './entities/session-check-in.ts';
import { feedbackSchema } from './entities/feedback.ts';
import { feedbackSettingsSchema } from './entities/feedback-settings.ts';
import { materialSchema } from './entities/material.ts';
import { speakerSchema } from './entities/speaker.ts';
import { speakerAssignmentSchema } from './entities/speaker-assignment.ts';
import { announcementSchema } from './entities/announcement.ts';
import { announcementRecipientSchema } from './entities/announcement-recipient.ts';
import { sponsorTierSchema } from './entities/sponsor-tier.ts';
import { sponsorshipSchema } from './entities/sponsorship.ts';
import { sponsorBenefitSchema } from './entities/sponsor-benefit.ts';
import { boothSchema } from './entities/booth.ts';
import { exhibitorSchema } from './entities/exhibitor.ts';
import { exhibitorStaffSchema } from './entities/exhibitor-staff.ts';
import { exhibitorLeadSchema } from './entities/exhibitor-lead.ts';
import { leadSharingSchema } from './entities/lead-sharing.ts';
import { boothTrafficShardSchema } from './entities/booth-traffic-shard.ts';
import { networkingSettingsSchema } from './entities/networking-settings.ts';
import { networkingProfileSchema } from './entities/networking-profile.ts';
import { meetingSchema } from './entities/meeting.ts';
import { meetingSlotSchema } from './entities/meeting-slot.ts';
import { networkingQuotaSchema } from './entities/networking-quota.ts';
import { connectionSchema } from './entities/connection.ts';
import { auditEventSchema } from './entities/audit-event.ts';
import { auditSealSchema } from './entities/audit-seal.ts';
import { dataExportRequestSchema } from './entities/data-export-request.ts';
import { contactPhoneSchema } from './entities/contact-phone.ts';
import { contactPhoneOwnerSchema } from './entities/contact-phone-owner.ts';
import { exportJobSchema } from './entities/export-job.ts';
import { metricPointSchema } from './entities/metric-point.ts';
import { metricBucketSchema } from './entities/metric-bucket.ts';
import { firstTouchSchema, visitSchema } from './entities/touch.ts';

/**
 * Every entity of the table and the Service joining them, built on the first
 * db() call of a process rather than at import: ElectroDB parses ~50 models
 * when they are constructed, and every function loads this module, so at
 * import that work sat in every Lambda's cold import (bench: bundles). The
 * first request of a cold instance pays it instead (bench/RESULTS.md).
 */
function build(table: string) {
  const { Entity, Service } = loadElectroDB();
  const entities = {
    venue: new Entity(venueSchema),
    role: new Entity(roleSchema),
    roleName: new Entity(roleNameSchema),
    user: new Entity(userSchema),
    userName: new Entity(userNameSchema),
    userEmail: new Entity(userEmailSchema),
    event: new Entity(eventSchema),
    ticketType: new Entity(ticketTypeSchema),
    contact: new Entity(contactSchema),
    contactEmail: new Entity(contactEmailSchema),
    company: new Entity(companySchema),
    companyDomain: new Entity(companyDomainSchema),
    contactTag: new Entity(contactTagSchema),
    processedEvent: new Entity(processedEventSchema),
    outboxEvent: new Entity(outboxEventSchema),
    statsShard: new Entity(statsShardSchema),
    checkIn: new Entity(checkInSchema),
    checkInList: new Entity(checkInListSchema),
    bundle: new Entity(bundleSchema),
    voucher: new Entity(voucherSchema),
    idempotencyRecord: new Entity(idempotencyRecordSchema),
    refund: new Entity(refundSchema),
    refundReservation: new Entity(refundReservationSchema),
    ticket: new Entity(ticketSchema),
    orderHold: new Entity(orderHoldSchema),
    order: new Entity(orderSchema),
    inventoryShard: new Entity(inventoryShardSchema),
    timelineEntry: new Entity(timelineEntrySchema),
    lead: new Entity(leadSchema),
    leadScoringRule: new Entity(leadScoringRuleSchema),
    leadScoringSettings: new Entity(leadScoringSettingsSchema),
    pipeline: new Entity(pipelineSchema),
    defaultPipeline: new Entity(defaultPipelineSchema),
    opportunity: new Entity(opportunitySchema),
    opportunityStageChange: new Entity(opportunityStageChangeSchema),
    interaction: new Entity(interactionSchema),
    task: new Entity(taskSchema),
    note: new Entity(noteSchema),
    eventAttendee: new Entity(eventAttendeeSchema),
    campaignCounter: new Entity(campaignCounterSchema),
    suppression: new Entity(suppressionSchema),
    consentRecord: new Entity(consentRecordSchema),
    consentState: new Entity(consentStateSchema),
    consentPurpose: new Entity(consentPurposeSchema),
    consentText: new Entity(consentTextSchema),
    dataImport: new Entity(dataImportSchema),
    importChunk: new Entity(importChunkSchema),
    erasedEmail: new Entity(erasedEmailSchema),
    contactExternalId: new Entity(contactExternalIdSchema),
    importChange: new Entity(importChangeSchema),
    campaignEngagement: new Entity(campaignEngagementSchema),
    campaignAttribution: new Entity(campaignAttributionSchema),
    campaign: new Entity(campaignSchema),
    campaignRecipient: new Entity(campaignRecipientSchema),
    campaignVariantCounter: new Entity(campaignVariantCounterSchema),
    segment: new Entity(segmentSchema),
    segmentMember: new Entity(segmentMemberSchema),
    eventCancellation: new Entity(eventCancellationSchema),
    cancellationOrder: new Entity(cancellationOrderSchema),
    webhookEndpoint: new Entity(webhookEndpointSchema),
    webhookDelivery: new Entity(webhookDeliverySchema),
    webhookAttempt: new Entity(webhookAttemptSchema),
    workflow: new Entity(workflowSchema),
    workflowVersion: new Entity(workflowVersionSchema),
    workflowRun: new Entity(workflowRunSchema),
    workflowRunStep: new Entity(workflowRunStepSchema),
    workflowEnrolment: new Entity(workflowEnrolmentSchema),
    seat: new Entity(seatSchema),
    seatMap: new Entity(seatMapSchema),
    seating: new Entity(seatingSchema),
    venueSeatMap: new Entity(venueSeatMapSchema),
    rateWindow: new Entity(rateWindowSchema),
    vipTable: new Entity(vipTableSchema),
    tableBooking: new Entity(tableBookingSchema),
    promoter: new Entity(promoterSchema),
    promoterCode: new Entity(promoterCodeSchema),
    commissionPlan: new Entity(commissionPlanSchema),
    promoterLink: new Entity(promoterLinkSchema),
    promoterClick: new Entity(promoterClickSchema),
    promoterOrder: new Entity(promoterOrderSchema),
    commissionLine: new Entity(commissionLineSchema),
    promoterPayout: new Entity(promoterPayoutSchema),
    guestList: new Entity(guestListSchema),
    guestTierCount: new Entity(guestTierCountSchema),
    guest: new Entity(guestSchema),
    guestIdentity: new Entity(guestIdentitySchema),
    room: new Entity(roomSchema),
    session: new Entity(sessionSchema),
    scheduleVersion: new Entity(scheduleVersionSchema),
    sessionSeats: new Entity(sessionSeatsSchema),
    sessionRegistration: new Entity(sessionRegistrationSchema),
    attendeeSchedule: new Entity(attendeeScheduleSchema),
    sessionOffer: new Entity(sessionOfferSchema),
    sessionCheckIn: new Entity(sessionCheckInSchema),
    feedback: new Entity(feedbackSchema),
    feedbackSettings: new Entity(feedbackSettingsSchema),
    material: new Entity(materialSchema),
    speaker: new Entity(speakerSchema),
    speakerAssignment: new Entity(speakerAssignmentSchema),
    announcement: new Entity(announcementSchema),
    announcementRecipient: new Entity(announcementRecipientSchema),
    sponsorTier: new Entity(sponsorTierSchema),
    sponsorship: new Entity(sponsorshipSchema),
    sponsorBenefit: new Entity(sponsorBenefitSchema),
    booth: new Entity(boothSchema),
    exhibitor: new Entity(exhibitorSchema),
    exhibitorStaff: new Entity(exhibitorStaffSchema),
    exhibitorLead: new Entity(exhibitorLeadSchema),
    leadSharing: new Entity(leadSharingSchema),
    boothTrafficShard: new Entity(boothTrafficShardSchema),
    networkingSettings: new Entity(networkingSettingsSchema),
    networkingProfile: new Entity(networkingProfileSchema),
    meeting: new Entity(meetingSchema),
    meetingSlot: new Entity(meetingSlotSchema),
    networkingQuota: new Entity(networkingQuotaSchema),
    connection: new Entity(connectionSchema),
    auditEvent: new Entity(auditEventSchema),
    auditSeal: new Entity(auditSealSchema),
    dataExportRequest: new Entity(dataExportRequestSchema),
    contactPhone: new Entity(contactPhoneSchema),
    contactPhoneOwner: new Entity(contactPhoneOwnerSchema),
    exportJob: new Entity(exportJobSchema),
    metricPoint: new Entity(metricPointSchema),
    metricBucket: new Entity(metricBucketSchema),
    visit: new Entity(visitSchema),
    firstTouch: new Entity(firstTouchSchema),
    ltvBuyer: new Entity(ltvBuyerSchema),
    ltvModel: new Entity(ltvModelSchema),
  };
  // Every write of a request or job then carries its one audit item (packages/core/audit).
  installAuditInterceptor(documentClient, (fields) => db().entities.auditEvent.create(fields).params());
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
