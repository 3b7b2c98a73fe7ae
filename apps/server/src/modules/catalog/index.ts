// The catalog module's public face: items and their versions. Requests order through `findOrderable`.

export { messages } from './catalog.messages.ts';
export { catalogRoutes } from './catalog.routes.ts';
export { createItem, decideItem, findItemFacts, findItemVersion, findOrderable, listItems } from './catalog.service.ts';
export { catalogItems, catalogItemVersions } from './catalog.tables.ts';
