// The problems module's public face: problem records, their known errors and the incidents behind them.
export { messages } from './problems.messages.ts';
export { problemRoutes } from './problems.routes.ts';
export { createProblem, linkIncident, stepProblem } from './problems.service.ts';
export { problems } from './problems.tables.ts';
