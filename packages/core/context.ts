/** Who asked, and the id that ties the request to the events it causes. */
export interface RequestContext {
  actorId: string;
  correlationId: string;
  /** Set by a workflow acting: the events it causes carry it (metadata.depth), so chains of workflows can be cut. */
  depth?: number;
}
