import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import { mayConfigureChain, mayDecide, type StepFacts } from './approvals.policy.ts';

// Who decides an approval step and who configures a division's chain, as a table. The SQL twin
// (`decidableBy`) is checked against `mayDecide` on generated cases in approvals.test.ts.
const ME = 100;
const step = (o: Partial<StepFacts> = {}): StepFacts => ({ requesterId: 1, ...PLACES.aplikasi, userIds: [], role: 'approver', ...o });
const approverProduk = actor([['approver', 'produk']], { id: ME });
const approverDevops = actor([['approver', 'devops']], { id: ME, place: 'devops' });
const coordinatorProduk = actor([['billing_coordinator', 'produk']], { id: ME });

describe('who decides an approval step', () => {
  it.each([
    ['a holder of its role over the requester’s unit', approverProduk, step(), true],
    ['a holder of its role elsewhere', approverDevops, step(), false],
    ['a holder of another role there', coordinatorProduk, step(), false],
    [
      'a holder of its role there beside other roles',
      actor(
        [
          ['requester', 'produk'],
          ['approver', 'produk'],
        ],
        { id: ME },
      ),
      step(),
      true,
    ],
    ['a named approver, whatever their roles', approverDevops, step({ userIds: [ME], role: null }), true],
    ['someone not named on a step for named people only', approverProduk, step({ userIds: [5], role: null }), false],
    ['the requester, even named', approverProduk, step({ requesterId: ME, userIds: [ME] }), false],
    ['the requester holding its role', approverProduk, step({ requesterId: ME }), false],
  ] as const)('%s → %s', (_who, a, s, may) => {
    expect(mayDecide(a, s)).toBe(may);
  });
});

describe('who configures a division’s chain', () => {
  it.each([
    ['an Administrator', actor([['administrator', 'organisation']]), PLACES.ouJakarta, true],
    ['the Division Admin of that division', actor([['division_admin', 'produk']]), PLACES.produk, true],
    ['a Division Admin of another division', actor([['division_admin', 'devops']]), PLACES.produk, false],
    ['an Approver', approverProduk, PLACES.produk, false],
  ] as const)('%s → %s', (_who, a, at, may) => {
    expect(mayConfigureChain(a, at)).toBe(may);
  });
});
