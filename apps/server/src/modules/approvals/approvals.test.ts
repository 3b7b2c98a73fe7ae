import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let f: Factories;
let divisionAdmin: Client; // fajar, Division Admin of DevOps
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  f = factories(t.ctx);
  [divisionAdmin, admin] = await Promise.all([t.actingAs('division_admin'), t.actingAs('administrator')]);
});
afterAll(() => t.close());

const step = (o: { userIds?: number[]; role?: string | null } = {}) => ({
  position: 1,
  threshold: 1_000_000,
  role: o.role === undefined ? null : o.role,
  userIds: o.userIds ?? [],
  expiryDays: 2,
});

describe('approval chains (rule probes)', () => {
  it('lets a Division Admin name colleagues of his company as approvers, never people of another company', async () => {
    const devops = await f.place('DEVOPS');
    const colleague = await f.user(await f.place('BIGDATA'));
    const outsider = await f.user(await f.place('OU-JKT'));
    const refused = await divisionAdmin.put(`/api/v1/approval-chains/${devops.unitId}`, {
      steps: [step({ userIds: [colleague.id, outsider.id] })],
    });
    expectProblem(refused, 400, 'APPROVER_NOT_ELIGIBLE');
    expect(refused.body.code).toBe('APPROVER_NOT_ELIGIBLE');
    expect(refused.body.errors).toEqual([{ path: 'steps.0.userIds', message: expect.any(String) }]);
    const inactive = await f.user(devops, { active: false });
    expect(
      (await divisionAdmin.put(`/api/v1/approval-chains/${devops.unitId}`, { steps: [step({ userIds: [inactive.id] })] })).body.code,
    ).toBe('APPROVER_NOT_ELIGIBLE');
    const unknown = await divisionAdmin.put(`/api/v1/approval-chains/${devops.unitId}`, { steps: [step({ userIds: [9_999_999] })] });
    expect(unknown.body.code).toBe('UNKNOWN_REFERENCE');
    // Nothing changed: the division still inherits the default chain.
    expect((await divisionAdmin.get(`/api/v1/approval-chains/${devops.unitId}`)).body.steps.map((s: { role: string }) => s.role)).toEqual([
      'approver',
      'billing_coordinator',
    ]);

    expect(
      (await divisionAdmin.put(`/api/v1/approval-chains/${devops.unitId}`, { steps: [step({ userIds: [colleague.id] })] })).status,
    ).toBe(204);
    expect((await divisionAdmin.get(`/api/v1/approval-chains/${devops.unitId}`)).body).toEqual({
      steps: [step({ userIds: [colleague.id] })],
      allowedActions: ['configure'],
    });
    expect(await f.audited('request.approval_chain_updated')).toBe(1);
  });

  it('hides other divisions’ chains from a Division Admin (404), and lists only the divisions he configures', async () => {
    const bigdata = await f.place('BIGDATA');
    const jakarta = await f.place('OU-JKT');
    for (const unitId of [bigdata.unitId, jakarta.unitId, 9_999_999]) {
      const read = await divisionAdmin.get(`/api/v1/approval-chains/${unitId}`);
      expectProblem(read, 404, 'NOT_FOUND');
      expect(read.body.code).toBe('NOT_FOUND');
      expect((await divisionAdmin.put(`/api/v1/approval-chains/${unitId}`, { steps: [] })).body.code).toBe('NOT_FOUND');
    }
    const mine = (await divisionAdmin.get('/api/v1/approval-chains')).body.items.map((u: { name: string }) => u.name);
    expect(mine).toEqual(['DevOps', 'Platform & Cloud']);
    const all = (await admin.get('/api/v1/approval-chains')).body.items.map((u: { name: string }) => u.name);
    expect(all).toEqual(expect.arrayContaining(['DevOps', 'Big Data', 'OU Jakarta', 'Dinas Kesehatan']));
    expect((await admin.get(`/api/v1/approval-chains/${jakarta.unitId}`)).status).toBe(200);
  });
});
