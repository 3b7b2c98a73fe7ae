// The intake module's public face (the Lapor Gangguan form): other modules import only this.
export { registerIntakeSweep } from './intake.jobs.ts';
export { messages } from './intake.messages.ts';
export { intakeRoutes } from './intake.routes.ts';
export { submitReport } from './intake.service.ts';
export { PROTECTION_DEFAULTS } from './intake.settings.ts';
export { publicReports } from './intake.tables.ts';
export { issueFormToken, solveProofOfWork } from './intake.token.ts';
