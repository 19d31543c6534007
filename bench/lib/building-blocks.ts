import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildingBlock {
  name: string;
  what: string;
  source: (root: string) => string;
  /** Work the piece defers to its first use: an expression on the imported module `m`, timed after the import. */
  firstCall?: { expression: string; what: string };
}

const from = (root: string, path: string) => JSON.stringify(join(root, path));

/**
 * Pieces every function loads, each bundled alone: what a function's cold
 * import is made of, next to the bare-SDK reference. A function pays roughly
 * the sum of its blocks (shared code counted once).
 */
export const buildingBlocks: BuildingBlock[] = [
  {
    name: 'electrodb',
    what: 'ElectroDB loaded at import (its side file, as the first db() call loads it) with the DocumentClient it is handed',
    source: () => "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nimport { Entity } from 'electrodb';\nexport const handler = () => [DynamoDBDocumentClient, Entity];\n",
  },
  {
    name: 'core-db',
    what: 'packages/core/db/service.ts: the DocumentClient at import; ElectroDB, its ~50 entities and the Service on the first db() call',
    source: (root) => `export * from ${from(root, 'packages/core/db/service.ts')};\n`,
    firstCall: { expression: 'm.db()', what: 'first db(): ElectroDB loaded, every entity and the Service built' },
  },
  {
    name: 'libphonenumber',
    what: 'libphonenumber-js with its metadata, loaded at import (contacts/phone.ts now requires the metadata on the first phone number)',
    source: () => "import { parsePhoneNumberFromString } from 'libphonenumber-js';\nexport const handler = parsePhoneNumberFromString;\n",
  },
  {
    name: 'eventbridge',
    what: '@aws-sdk/client-eventbridge (publishing domain events)',
    source: () => "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';\nexport const client = new EventBridgeClient({});\n",
  },
  { name: 'event-catalog', what: 'events/catalog.ts: every domain event (each zod schema built on the first read of its data)', source: (root) => `export * from ${from(root, 'events/catalog.ts')};\n` },
  {
    name: 'powertools-logger',
    what: '@aws-lambda-powertools/logger',
    source: () => "import { Logger } from '@aws-lambda-powertools/logger';\nexport const logger = new Logger();\n",
  },
];

/** Writes the entries inside the repo (under the bench's tmp dir) so esbuild resolves the project's node_modules. */
export function writeBuildingBlocks(root: string, tmpDir: string): { block: BuildingBlock; entry: string }[] {
  const dir = join(tmpDir, 'building-blocks');
  mkdirSync(dir, { recursive: true });
  return buildingBlocks.map((block) => {
    const entry = join(dir, `${block.name}.mjs`);
    writeFileSync(entry, block.source(root));
    return { block, entry };
  });
}
