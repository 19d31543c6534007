/** Who asked, and the id that ties the request to the events it causes. */
export interface RequestContext {
  actorId: string;
  correlationId: string;
}
