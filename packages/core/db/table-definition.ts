/**
 * The one definition of the tenant table. CDK (infra/) and the local runner
 * (packages/local) both build the physical table from this object, and the
 * ElectroDB entities name exactly these attributes and indexes.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** Reserved for the contact timeline: the clustered collection `timeline` (pk contactId, sk time). */
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
  /** Epoch seconds; DynamoDB deletes expired idempotency records and markers. */
  timeToLiveAttribute: 'ttl',
} as const;

export type GlobalIndexName = (typeof tableDefinition.globalIndexes)[number]['indexName'];
