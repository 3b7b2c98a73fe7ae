import type { Role } from '@ish/shared';

// The user guides live in the repository (docs/guide/<lang>/<guide>.md) and are
// bundled here; their screenshots (docs/guide/images) are taken by the browser tests.

const texts = import.meta.glob<string>('../../../../../docs/guide/*/*.md', { eager: true, query: '?raw', import: 'default' });
const images = import.meta.glob<string>('../../../../../docs/guide/images/*.png', { eager: true, query: '?url', import: 'default' });

/** The guides, each for the roles that mostly need it. */
export const GUIDES = [
  { code: 'requester', roles: ['requester'] },
  { code: 'agent', roles: ['agent', 'service_provider'] },
  { code: 'team-lead', roles: ['team_lead'] },
  { code: 'catalog', roles: ['service_provider', 'catalog_manager', 'approver', 'billing_coordinator'] },
  { code: 'executive', roles: ['executive'] },
  { code: 'administrator', roles: ['administrator', 'division_admin'] },
] as const satisfies readonly { code: string; roles: readonly Role[] }[];

export function guideText(code: string, locale: 'id' | 'en'): string {
  const find = (lang: string) => Object.entries(texts).find(([path]) => path.endsWith(`/${lang}/${code}.md`))?.[1];
  return find(locale) ?? find('id') ?? '';
}

export function guideImage(name: string): string | undefined {
  return Object.entries(images).find(([path]) => path.endsWith(`/${name}`))?.[1];
}
