// The knowledge module's public face: articles, their search, and known errors published by problems.
export { messages } from './knowledge.messages.ts';
export { listArticles } from './knowledge.queries.ts';
export { knowledgeRoutes } from './knowledge.routes.ts';
export { createArticle, publishKnownError, recordDeflection, stepArticle } from './knowledge.service.ts';
export { indexTokens, searchQuery } from './knowledge.stemmer.ts';
export { knowledgeArticles, knowledgeCategories } from './knowledge.tables.ts';
