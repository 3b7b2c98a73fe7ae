// The settings module's public face: organisation-wide settings and each module's settings document.

export { documentContext, readerTimeZone } from './document-context.ts';
export { writeModuleSetting } from './module-settings.ts';
export { messages } from './settings.messages.ts';
export { settingsRoutes } from './settings.routes.ts';
export { getSmtpConfig, organisationTimeZone, readModuleSetting, readSetting } from './settings.store.ts';
export { companyBranding, settings } from './settings.tables.ts';
