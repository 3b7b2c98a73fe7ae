import { asc, eq, ilike, or } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { masterDataRoutes } from '../../platform/http/master-data.ts';
import {
  company,
  companyFields,
  importResult,
  location,
  locationFields,
  team,
  teamFields,
  unit,
  unitFields,
  unitQuery,
  vendor,
  vendorFields,
} from './org.schemas.ts';
import {
  assertCompanyUnused,
  assertUnitUnused,
  checkLocation,
  checkTeam,
  importUnits,
  MANAGE,
  placeUnit,
  presentTeams,
  presentUnits,
  replaceTeamMembers,
  unitImportTemplate,
  unitTreeOrder,
  writeUnitPath,
} from './org.service.ts';
import { companies, locations, teams, units, vendors } from './org.tables.ts';

const tags = ['organisation'];
/** Every kind: paged list with ?q= and ?active= for everyone signed in; POST and versioned PATCH for Administrators. */
const shared = { module: 'org', permission: MANAGE, tags } as const;

/** Companies, the unit tree (with import), teams, vendors and locations. */
export function orgRoutes(app: App, ctx: AppContext) {
  masterDataRoutes(app, ctx, {
    ...shared,
    path: '/companies',
    name: 'company',
    table: companies,
    fields: companyFields,
    out: company,
    search: (q) => or(ilike(companies.name, `%${q}%`), ilike(companies.code, `%${q}%`)),
    order: [asc(companies.name)],
    canDeactivate: assertCompanyUnused,
  });

  masterDataRoutes(app, ctx, {
    ...shared,
    path: '/units',
    name: 'unit',
    table: units,
    fields: unitFields,
    query: unitQuery,
    filter: (q) => (q.companyId ? eq(units.companyId, q.companyId as number) : undefined),
    out: unit,
    search: (q) => or(ilike(units.name, `%${q}%`), ilike(units.code, `%${q}%`)),
    order: unitTreeOrder,
    prepare: placeUnit,
    afterWrite: writeUnitPath,
    canDeactivate: (tx, row) => assertUnitUnused(ctx, tx, row),
    present: presentUnits,
  });

  masterDataRoutes(app, ctx, {
    ...shared,
    path: '/teams',
    name: 'team',
    table: teams,
    fields: teamFields,
    out: team,
    search: (q) => or(ilike(teams.name, `%${q}%`), ilike(teams.code, `%${q}%`)),
    order: [asc(teams.companyId), asc(teams.level), asc(teams.name)],
    prepare: (tx, input, current) => checkTeam(ctx, tx, input, current),
    afterWrite: replaceTeamMembers,
    present: presentTeams,
  });

  masterDataRoutes(app, ctx, {
    ...shared,
    path: '/vendors',
    name: 'vendor',
    table: vendors,
    fields: vendorFields,
    out: vendor,
    search: (q) => ilike(vendors.name, `%${q}%`),
    order: [asc(vendors.name)],
  });

  masterDataRoutes(app, ctx, {
    ...shared,
    path: '/locations',
    name: 'location',
    table: locations,
    fields: locationFields,
    out: location,
    search: (q) => or(ilike(locations.name, `%${q}%`), ilike(locations.address, `%${q}%`)),
    order: [asc(locations.name)],
    prepare: checkLocation,
  });

  app.get('/units/import/template', {
    config: { access: access.permission('org:manage') },
    schema: { tags, summary: 'CSV template for the unit import' },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="template-unit.csv"')
        .send(unitImportTemplate(actorOf(req))),
  });

  app.post('/units/import', {
    config: { access: access.permission('org:manage') },
    schema: {
      tags,
      summary: 'Import units (columns company_code, code, name, type, parent_code); all or nothing',
      consumes: ['multipart/form-data'],
      response: { 200: importResult },
    },
    handler: async (req) => importUnits(ctx, actorOf(req), (await readUpload(req)).data, auditSourceOf(req)),
  });
}
