import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import { mayReadCharges, mayReverseCharge, maySeeCharge } from './charges.policy.ts';

// A charge concerns two divisions: the one that asked (Produk/Aplikasi) and the one that provided (DevOps).
const coordinatorProduk = actor([['billing_coordinator', 'produk']]);
const coordinatorDevops = actor([['billing_coordinator', 'devops']], { place: 'devops' });
const approverProduk = actor([['approver', 'produk']]);
const executive = actor([['executive', 'organisation']]);
const foreign = actor([['billing_coordinator', 'ouJakarta']], { place: 'ouJakarta' });

describe('charges', () => {
  it.each([
    ['the requesting division’s Billing Coordinator', coordinatorProduk, true, true],
    ['the providing division’s Billing Coordinator', coordinatorDevops, true, true],
    ['an Executive (reads, does not manage invoices)', executive, true, false],
    ['an Approver of the requesting division', approverProduk, false, false],
    ['another company’s Billing Coordinator', foreign, false, false],
  ] as const)('%s: sees %s, reverses %s', (_who, a, sees, reverses) => {
    expect(maySeeCharge(a, PLACES.aplikasi, PLACES.devops)).toBe(sees);
    expect(mayReverseCharge(a, PLACES.aplikasi, PLACES.devops)).toBe(reverses);
  });
  it('reads a division’s charges only where the permission reaches', () => {
    expect(mayReadCharges(coordinatorProduk, PLACES.aplikasi)).toBe(true);
    expect(mayReadCharges(coordinatorProduk, PLACES.devops)).toBe(false);
  });
});
