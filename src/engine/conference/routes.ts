/**
 * Who hears whom in the locally mixed call, as data. An endpoint is a person: 'agent', or a
 * remote party by call id. Each endpoint is a source (its voice: the agent's microphone, a
 * party's remote stream) and a destination (its ear: the agent's speakers, a party's outgoing
 * track). A route says one source reaches one destination; the mixer connects exactly these.
 *
 * A three-way conference is one table (`conferenceRoutes`). A later supervisor is only another
 * endpoint and another table, with no new code path in the mixer:
 *   listen:  agent → supervisor, every party → supervisor;
 *   whisper: listen + supervisor → agent;
 *   barge:   whisper + supervisor → every party, and every other endpoint → supervisor.
 */
export const AGENT = 'agent';
export type Endpoint = string;

export interface Route {
  from: Endpoint;
  to: Endpoint;
}

/**
 * The three-way call: each party hears the agent and every other party, the agent hears every
 * party, and nobody hears themselves (no echo of a party's own voice). Mute takes the agent's
 * voice out of every party's mix; the agent still hears everyone.
 */
export function conferenceRoutes(parties: readonly Endpoint[], agent: { muted: boolean }): Route[] {
  const routes: Route[] = [];
  for (const party of parties) {
    routes.push({ from: party, to: AGENT });
    if (!agent.muted) routes.push({ from: AGENT, to: party });
    for (const other of parties) if (other !== party) routes.push({ from: other, to: party });
  }
  return routes;
}

export const routeKey = (route: Route): string => `${route.from}\u0000${route.to}`;

/** What changes from one table to the next: routes to connect and routes to disconnect. */
export function diffRoutes(before: readonly Route[], after: readonly Route[]): { connect: Route[]; disconnect: Route[] } {
  const had = new Set(before.map(routeKey));
  const has = new Set(after.map(routeKey));
  return {
    connect: after.filter((r) => !had.has(routeKey(r))),
    disconnect: before.filter((r) => !has.has(routeKey(r))),
  };
}
