import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import { type Audience, canProvide, canReview, inAudience } from './catalog.policy.ts';

describe('catalog items', () => {
  it.each([
    ['a Service Provider of the division', actor([['service_provider', 'devops']]), PLACES.devops, true],
    ['a Service Provider of another division', actor([['service_provider', 'produk']]), PLACES.devops, false],
    ['a Catalog Manager', actor([['catalog_manager', 'organisation']]), PLACES.devops, false],
  ] as const)('registers items for DevOps: %s → %s', (_who, a, at, may) => {
    expect(canProvide(a, at)).toBe(may);
  });
  it('reviews: Catalog Managers only', () => {
    expect(canReview(actor([['catalog_manager', { company: 1 }]]))).toBe(true);
    expect(canReview(actor([['service_provider', 'devops']]))).toBe(false);
  });
  it.each<[string, Audience, 'produk' | 'aplikasi' | 'devops' | 'ouJakarta', boolean]>([
    ['everyone', { all: true }, 'ouJakarta', true],
    ['its company', { companyIds: [1] }, 'devops', true],
    ['another company', { companyIds: [1] }, 'ouJakarta', false],
    ['a unit and its sub-units', { unitPaths: ['/1/'] }, 'aplikasi', true],
    ['a sub-unit, not its parent', { unitPaths: ['/1/2/'] }, 'produk', false],
    ['nobody named', {}, 'produk', false],
  ])('orders from an item offered to %s: %o from %s → %s', (_what, audience, place, may) => {
    expect(inAudience(actor([['requester', place]], { place }), audience)).toBe(may);
  });
});
