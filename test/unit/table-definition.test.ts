import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { createTableInput } from '#packages/local/table-setup.ts';

describe('one table definition', () => {
  it('every ElectroDB index uses a key pair the table declares', () => {
    const pairs = new Map<string, [string, string]>([
      ['', [tableDefinition.partitionKey, tableDefinition.sortKey]],
      ...tableDefinition.globalIndexes.map((i) => [i.indexName, [i.partitionKey, i.sortKey]] as [string, [string, string]]),
    ]);
    for (const entity of Object.values(db().entities)) {
      for (const [name, index] of Object.entries(entity.schema.indexes) as [string, { index?: string; pk: { field: string }; sk: { field: string } }][]) {
        const pair = pairs.get(index.index ?? '');
        expect(pair, `${name} uses an undeclared index ${index.index}`).toBeDefined();
        expect([index.pk.field, index.sk.field], name).toEqual(pair);
      }
    }
  });

  it('the local CreateTable request declares every key attribute and GSI', () => {
    const input = createTableInput('t');
    expect(input.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(tableDefinition.globalIndexes.map((g) => g.indexName));
    expect(input.AttributeDefinitions).toHaveLength(2 + 2 * tableDefinition.globalIndexes.length);
  });

  it('keeps one entity per access pattern: a contact query sends a Query on gsi1, never a Scan', () => {
    const params = db().entities.contact.query.all({ state: 'active' }).params() as { IndexName?: string; KeyConditionExpression?: string };
    expect(params.IndexName).toBe('gsi1');
    expect(params.KeyConditionExpression).toContain('#pk = :pk');
  });
});
