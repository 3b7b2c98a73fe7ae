// The search module's public face: one search across every module's records, each through its own visibility rule.
export { searchRoutes } from './search.routes.ts';
