// The surveys module's public face: other modules import only this.
// The reports module reads CSAT through `csatReport` (or GET /api/v1/reports/csat).

export { messages } from './surveys.messages.ts';
export { CSAT_GROUPINGS, type CsatFigures, type CsatGrouping, type CsatQuery, type CsatReport, csatReport } from './surveys.queries.ts';
export { surveyRoutes } from './surveys.routes.ts';
export { answerSurvey, LOW_SCORE, registerSurveys, SURVEY_DAYS } from './surveys.service.ts';
export { surveys } from './surveys.tables.ts';
export { surveyToken } from './surveys.token.ts';
