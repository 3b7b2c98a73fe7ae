// The reports module's public face: other modules import only this.

export { messages } from './reports.messages.ts';
export { compactReports, rebuildReports, registerReportProjection, syncTicket } from './reports.projection.ts';
export { recapTickets } from './reports.queries.ts';
export { reportRoutes } from './reports.routes.ts';
export { recapQuery } from './reports.schemas.ts';
export { createSubscription, registerReportSubscriptions, runDueSubscriptions } from './reports.subscriptions.ts';
export { reportSubscriptions } from './reports.tables.ts';
