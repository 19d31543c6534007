import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';

interface Response {
  target: string;
  rating?: number | undefined;
  nps?: number | undefined;
  comment?: string | undefined;
}

function figures(responses: readonly Response[]) {
  const ratings = responses.map((r) => r.rating).filter((r): r is number => r !== undefined);
  const ratingDistribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) ratingDistribution[String(r)]! += 1;
  return {
    responses: responses.length,
    ratings: ratings.length,
    ratingAverage: ratings.length ? Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 100) / 100 : null,
    ratingDistribution,
    comments: responses.filter((r) => r.comment).length,
  };
}

/** Net Promoter Score: % promoters (9–10) − % detractors (0–6), rounded. */
function nps(scores: readonly number[]) {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return {
    score: scores.length ? Math.round(((promoters - detractors) / scores.length) * 100) : null,
    responses: scores.length,
    promoters,
    passives: scores.length - promoters - detractors,
    detractors,
  };
}

async function responsesOf(eventId: string, target?: string): Promise<Response[]> {
  const { data } = await db().entities.feedback.query.byTarget({ eventId, ...(target ? { target } : {}) }).go({ pages: 'all' });
  return data;
}

/** Organisers: averages, distributions and NPS for the event and each session — ONE Query of the event's feedback partition. */
export async function feedbackSummary(eventId: string) {
  const [{ data: event }, responses, sessions] = await Promise.all([
    db().entities.event.get({ eventId }).go(),
    responsesOf(eventId),
    db().entities.session.query.byEvent({ eventId }).go({ pages: 'all' }),
  ]);
  if (!event) throw notFound('Event', eventId);
  const eventResponses = responses.filter((r) => r.target === 'event');
  return {
    eventId,
    event: { ...figures(eventResponses), nps: nps(eventResponses.map((r) => r.nps).filter((n): n is number => n !== undefined)) },
    sessions: sessions.data
      .map((s) => ({ sessionId: s.sessionId, title: s.title, ...figures(responses.filter((r) => r.target === s.sessionId)) }))
      .filter((s) => s.responses > 0),
  };
}

/** What a session's speakers see: the figures and the comments, without who wrote them (no ticket, contact or time). */
export async function sessionFeedback(eventId: string, sessionId: string) {
  const { data: session } = await db().entities.session.get({ eventId, sessionId }).go();
  if (!session) throw notFound('Session', sessionId);
  const responses = await responsesOf(eventId, sessionId);
  const comments = responses
    .filter((r) => r.comment)
    .map((r) => ({ ...(r.rating !== undefined ? { rating: r.rating } : {}), comment: r.comment! }))
    .sort((a, b) => a.comment.localeCompare(b.comment));
  return { sessionId, title: session.title, figures: figures(responses), comments };
}
