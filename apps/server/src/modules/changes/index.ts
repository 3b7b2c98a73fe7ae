// Change management's public face: the composition root mounts its routes and
// registers its jobs here; other modules import nothing else of it.
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { changeCabRoutes } from './changes.cab.routes.ts';
import { changePlanningRoutes } from './changes.planning.routes.ts';
import { changeRoutes } from './changes.routes.ts';

export { castVote } from './changes.approval.ts';
export { createMeeting } from './changes.meetings.ts';
export { messages } from './changes.messages.ts';
export { CHANGE_PATHS } from './changes.notify.ts';
export { createFreeze, createTemplate, createWindow, readChangeSettings, writeChangeSettings } from './changes.planning.ts';
export { effectiveRisk } from './changes.risk.ts';
export type { CreateChangeInput } from './changes.schemas.ts';
export { createChange, transitionChange } from './changes.service.ts';
export { type ChangeRow, changeAttachments, changeLinks, changes, changeTasks, type RiskAnswers } from './changes.tables.ts';
export { saveReview, tickTask } from './changes.work.ts';

/** Every change-management route (changes, calendar and feed, templates, freezes, maintenance windows, CAB). */
export function changesRoutes(app: App, ctx: AppContext): void {
  changeRoutes(app, ctx);
  changePlanningRoutes(app, ctx);
  changeCabRoutes(app, ctx);
}
