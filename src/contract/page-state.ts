import * as v from 'valibot';
import { AGENT_COMMANDS, AGENT_STATES } from '../machines/agent-machine';
import { REGISTRATION_STATES } from '../machines/registration-machine';
import { PAGE_API_VERSION, type PageState } from '../page-api/client/types';

/** A failure in words, as a page gets it (the snapshot's UserError, its code read as text). */
const PageErrorSchema = v.object({ code: v.string(), message: v.string(), sipStatus: v.optional(v.number()) });
const PageAgentSchema = v.object({
  state: v.picklist(AGENT_STATES),
  reason: v.nullable(v.string()),
  since: v.number(),
  busy: v.boolean(),
  wrapUpEndsAt: v.nullable(v.number()),
  allowed: v.array(v.picklist(AGENT_COMMANDS)),
  reasons: v.array(v.string()),
});
export const PageCallSchema = v.object({
  id: v.string(),
  direction: v.picklist(['outgoing', 'incoming']),
  state: v.string(),
  muted: v.boolean(),
  heldByRemote: v.boolean(),
  number: v.string(),
  displayName: v.string(),
  callData: v.record(v.string(), v.string()),
  createdAt: v.number(),
  answeredAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  end: v.nullable(v.object({ by: v.picklist(['local', 'remote', 'system']), error: v.nullable(PageErrorSchema), transferred: v.boolean() })),
  allowed: v.array(v.string()),
});
/** The page view: what an allowed origin sees (the client's PageState). */
export const PageStateSchema = v.object({
  version: v.literal(PAGE_API_VERSION),
  registration: v.object({ state: v.picklist(REGISTRATION_STATES), error: v.nullable(PageErrorSchema) }),
  agent: PageAgentSchema,
  calls: v.array(PageCallSchema),
  dial: v.object({ allowed: v.boolean(), refusal: v.nullable(PageErrorSchema) }),
}) satisfies v.GenericSchema<unknown, PageState>;

