// `npm run create-admin -- --email EMAIL --name NAME [--password P] [--company NAME] [--unit NAME]`
// Creates the first Administrator (and, on an empty database, the company and unit they belong to).
// Without --password it reads ADMIN_PASSWORD, or asks on the terminal.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openRuntime } from '../bootstrap.ts';
import { parseEnv } from '../env.ts';
import { assertStrongPassword, roleGrants, users } from '../modules/identity/index.ts';
import { companies, units } from '../modules/org/index.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { hashPassword } from '../platform/security/passwords.ts';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    company: { type: 'string', default: 'Organisasi Saya' },
    unit: { type: 'string', default: 'Teknologi Informasi' },
  },
});
if (!values.email || !values.name) {
  console.error('usage: npm run create-admin -- --email EMAIL --name NAME [--password P] [--company NAME] [--unit NAME]');
  process.exit(2);
}
let password = values.password ?? process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (10+ characters, letters and digits): ');
  rl.close();
}
try {
  assertStrongPassword(password);
} catch {
  console.error('The password needs at least 10 characters with letters and digits.');
  process.exit(2);
}

const runtime = await openRuntime(parseEnv(), console);
let failed = false;
try {
  const passwordHash = await hashPassword(password);
  const email = values.email.toLowerCase();
  const id = await runtime.ctx.db.transaction(async (tx) => {
    const existing = await tx.execute(sql`SELECT 1 FROM users WHERE email = ${email}`);
    if (existing.rows.length) throw new Error(`A user with email ${email} already exists.`);
    let [unit] = await tx.select({ id: units.id }).from(units).orderBy(units.id).limit(1);
    if (!unit) {
      const [company] = await tx
        .insert(companies)
        .values({ code: 'ORG', name: values.company ?? '' })
        .returning({ id: companies.id });
      if (!company) throw new Error('company insert failed');
      [unit] = await tx
        .insert(units)
        .values({ companyId: company.id, code: 'IT', name: values.unit ?? '' })
        .returning({ id: units.id });
      if (!unit) throw new Error('unit insert failed');
      await tx
        .update(units)
        .set({ path: `/${unit.id}/` })
        .where(sql`id = ${unit.id}`);
    }
    const [user] = await tx
      .insert(users)
      .values({ email, name: values.name ?? '', unitId: unit.id, passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert failed');
    await tx.insert(roleGrants).values([
      { userId: user.id, role: 'administrator', scopeKind: 'organisation' },
      { userId: user.id, role: 'requester', scopeKind: 'unit', unitId: unit.id },
    ]);
    await recordAudit(
      tx,
      { actorId: null, actorEmail: 'cli', ip: null },
      { action: 'user.created', targetType: 'user', targetId: user.id, after: { email, role: 'administrator' } },
    );
    return user.id;
  });
  console.log(`Administrator ${email} created (user id ${id}). Sign in and complete the organisation under Administrasi.`);
} catch (error) {
  console.error((error as Error).message);
  failed = true;
} finally {
  await runtime.stop();
}
process.exit(failed ? 1 : 0);
