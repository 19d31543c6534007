// Bundled in place of `@smithy/core/event-streams`, the SDK's event-stream
// serde: the protocols import() it only to send or read an event stream (S3
// SelectObjectContent and the like), and the S3 client wires a marshaller
// into its config. No EventOS call has an event stream, and bundled for real
// it is a 14 KiB chunk beside every function. The S3 client still gets its
// config (the real resolver, a marshaller that is never used); should an
// event stream ever be sent or read, it fails here, by name, not silently.
//
// The path is relative (to the repo's node_modules), not `@smithy/core/…`,
// which the alias would send back here.
export { resolveEventStreamSerdeConfig } from '../../node_modules/@smithy/core/dist-es/submodules/event-streams/eventstream-serde-config-resolver/EventStreamSerdeConfig.js';

const unsupported = () => {
  throw new Error('@smithy/core/event-streams is stubbed in Lambda bundles (infra/bundling.ts): no EventOS call streams events');
};
export const eventStreamSerdeProvider = () => ({ serialize: unsupported, deserialize: unsupported });
export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}
