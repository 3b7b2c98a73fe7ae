import { AppError } from '../http/errors.ts';

/** One problem in an imported file, at the line a person sees in it. */
export interface RowError {
  line: number;
  field: string;
  message: string;
}

/** Nothing half-imported: any bad row refuses the whole file with the list of problems. */
export function assertNoRowErrors(errors: RowError[]): void {
  if (errors.length)
    throw new AppError(422, 'IMPORT_FAILED', { count: new Set(errors.map((e) => e.line)).size }, undefined, { rows: errors });
}
