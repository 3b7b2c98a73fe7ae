import { describe, expect, it } from 'vitest';
import { type ItemFacts, type ItemRoles, itemActions, refusal } from './catalog.lifecycle.ts';

const provider: ItemRoles = { provides: true, reviews: false };
const reviewer: ItemRoles = { provides: false, reviews: true };
const both: ItemRoles = { provides: true, reviews: true };
const nobody: ItemRoles = { provides: false, reviews: false };

const draft: ItemFacts = { state: 'draft', hasDraft: true, wasPublished: false };
const published: ItemFacts = { state: 'published', hasDraft: false, wasPublished: true };
const editing: ItemFacts = { state: 'published', hasDraft: true, wasPublished: true };
const firstReview: ItemFacts = { state: 'pending_approval', hasDraft: false, wasPublished: false };
const changeReview: ItemFacts = { state: 'pending_approval', hasDraft: false, wasPublished: true };
const retired: ItemFacts = { state: 'retired', hasDraft: false, wasPublished: true };

describe('catalog item lifecycle', () => {
  it.each([
    ['a first draft', draft, provider, ['edit', 'submit']],
    ['a first draft', draft, reviewer, []],
    ['a published item', published, provider, ['edit', 'retire']],
    ['a published item', published, reviewer, ['retire']],
    ['a published item with an edit', editing, provider, ['edit', 'submit', 'retire']],
    ['a first version in review', firstReview, provider, []],
    ['a first version in review', firstReview, reviewer, ['approve', 'reject']],
    ['an edit in review', changeReview, provider, ['retire']],
    ['an edit in review', changeReview, both, ['approve', 'reject', 'retire']],
    ['a retired item', retired, both, []],
    ['anything', editing, nobody, []],
  ] as const)('offers on %s to %o exactly %o', (_what, item, who, actions) => {
    expect(itemActions(item, who)).toEqual(actions);
  });

  it.each([
    ['approve', firstReview, provider, 'forbidden'],
    ['submit', draft, reviewer, 'forbidden'],
    ['approve', published, reviewer, 'not_now'],
    ['submit', published, provider, 'not_now'],
    ['edit', firstReview, provider, 'not_now'],
    ['edit', retired, provider, 'not_now'],
    ['retire', draft, both, 'not_now'],
    ['retire', changeReview, reviewer, null],
    ['reject', firstReview, reviewer, null],
  ] as const)('refuses %s of %o by %o as %s', (action, item, who, why) => {
    expect(refusal(action, item, who)).toBe(why);
  });
});
