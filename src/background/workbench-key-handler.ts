import * as v from 'valibot';
import { PageCommandSchema } from '../contract/page-api';
import type { WorkbenchKeyOutcome } from '../contract/workbench-key';
import { dialbarError } from '../errors';
import type { Handlers } from '../messaging/server';
import type { KeyValueArea } from '../settings/instance-id';
import { type PageAccess, ruleForOrigin } from '../settings/page-access';
import { senderOrigin } from './page-commands';
import { createWorkbenchKeyGate } from './workbench-key-gate';

export interface WorkbenchKeyDeps {
  /** storage.session, where the gate keeps its claims; absent: every report is refused. */
  session?: KeyValueArea;
  /** The allowed origins and their flags, read at every report. */
  access?: () => Promise<PageAccess>;
  /** The page API's own command handler: admission, rate limit, dial policy, then the engine. */
  pageCommand: Handlers<'background'>['background.pageCommand'];
}

/**
 * `background.workbenchKey`: a frame of an origin with seed shims on saw a write of a workbench
 * key. The origin comes from the sender; the origin's rule must have the shims flag and the
 * person's consent before the write is claimed (so a refusal here does not use the write up);
 * then the gate (workbench-key-gate.ts) makes one write one command, run through the page API.
 */
export function createWorkbenchKeyHandler(deps: WorkbenchKeyDeps): Pick<Handlers<'background'>, 'background.workbenchKey'> {
  const gate = deps.session ? createWorkbenchKeyGate({ session: deps.session }) : null;
  return {
    'background.workbenchKey': async (report, context): Promise<WorkbenchKeyOutcome> => {
      const origin = senderOrigin(context.sender);
      if (!gate || !deps.access || origin === null || context.sender.tab?.id === undefined) throw dialbarError('page-not-allowed');
      const rule = ruleForOrigin(await deps.access(), origin);
      if (!rule) throw dialbarError('page-not-allowed');
      if (!rule.shims) throw dialbarError('page-shims-off');
      if (rule.consent === false) throw dialbarError('page-consent-refused');
      if (rule.consent !== true) throw dialbarError('page-consent-needed');
      return gate.handle(origin, report, {
        mayDialSilently: rule.silentDial,
        dial: async (number, options) => {
          // The same checks as a page's own dial(); parseWorkbenchCall already refused what they refuse.
          const parsed = v.safeParse(PageCommandSchema, { name: 'dial', number, ...options });
          if (!parsed.success) throw dialbarError('invalid-number');
          const command = parsed.output;
          // The gate has checked activation (or the origin's silent dialling) already.
          const result = await deps.pageCommand({ command, activated: true }, context);
          return { callId: result.callId ?? '' };
        },
        hangup: async () => {
          await deps.pageCommand({ command: { name: 'hangup' }, activated: report.activation }, context);
        },
      });
    },
  };
}
