import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import { invoiceView, mayActForPayer, mayAdminister, mayAnswerFor, mayDecide, ownsLine } from './billing.policy.ts';

// The invoice policy's rules in memory, as a table (its SQL twins are held to these for every demo user and
// invoice in billing.policy.test.ts). Produk (Aplikasi under it) pays DevOps; OU Jakarta is another company.
const invoice = { payer: PLACES.produk, providers: [PLACES.devops] };
const coordinator = (place: keyof typeof PLACES) => actor([['billing_coordinator', place]], { place });

describe('who sees an invoice, and how much', () => {
  it.each([
    ['the paying division’s Billing Coordinator', coordinator('produk'), 'full'],
    ['the paying division’s Approver', actor([['approver', 'produk']]), 'full'],
    ['an Executive', actor([['executive', 'organisation']]), 'full'],
    ['a sub-unit’s Billing Coordinator (not the division’s)', coordinator('aplikasi'), null],
    ['the providing division’s Billing Coordinator', coordinator('devops'), 'provider'],
    ['the providing division’s Approver (reads no charges)', actor([['approver', 'devops']]), null],
    ['another company’s Billing Coordinator', coordinator('ouJakarta'), null],
    ['a requester of the paying division', actor([['requester', 'produk']]), null],
  ] as const)('%s → %s', (_who, a, view) => {
    expect(invoiceView(a, invoice)).toBe(view);
  });

  it('shows an invoice with several providers to each of them, as provider', () => {
    const two = { payer: PLACES.produk, providers: [PLACES.devops, PLACES.ouJakarta] };
    expect([invoiceView(coordinator('devops'), two), invoiceView(coordinator('ouJakarta'), two)]).toEqual(['provider', 'provider']);
  });

  it('shows a provider its own lines only', () => {
    expect(ownsLine(coordinator('devops'), PLACES.devops)).toBe(true);
    expect(ownsLine(coordinator('devops'), PLACES.aplikasi)).toBe(false);
  });
});

describe('who acts on an invoice', () => {
  it.each([
    ['the payer’s Billing Coordinator', coordinator('produk'), [true, false, false]],
    ['the provider’s Billing Coordinator', coordinator('devops'), [false, true, false]],
    ['an Executive', actor([['executive', 'organisation']]), [false, false, true]],
    ['an Administrator', actor([['administrator', 'organisation']]), [true, true, true]],
    ['the payer’s Approver', actor([['approver', 'produk']]), [false, false, false]],
  ] as const)('%s: pays/disputes, answers, decides → %o', (_who, a, [pays, answers, decides]) => {
    expect([mayActForPayer(a, PLACES.produk), mayAnswerFor(a, PLACES.devops), mayDecide(a, PLACES.produk)]).toEqual([
      pays,
      answers,
      decides,
    ]);
  });

  it.each([
    ['billing administration of the company', actor([['billing_admin', { company: 1 }]]), 1, true],
    ['billing administration of another company', actor([['billing_admin', { company: 1 }]]), 2, false],
    ['a Billing Coordinator (one division)', coordinator('produk'), 1, false],
    ['an Administrator', actor([['administrator', 'organisation']]), 2, true],
  ] as const)('administers billing settings and runs: %s → %s', (_who, a, companyId, may) => {
    expect(mayAdminister(a, companyId)).toBe(may);
  });
});
