import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, upload } from '../../../lib/api-client.ts';

export type ImportKind = 'units' | 'users';

export const IMPORT_URLS: Record<ImportKind, { upload: string; template: string }> = {
  units: { upload: '/api/v1/units/import', template: '/api/v1/units/import/template' },
  users: { upload: '/api/v1/users/import', template: '/api/v1/users/import/template' },
};

/** One rejected row of an import (422 IMPORT_FAILED): nothing was written. */
export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export function importRowErrors(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_FAILED' || !Array.isArray(error.problem.rows)) return [];
  return error.problem.rows as ImportRowError[];
}

export function useImport(kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload<Record<string, unknown>>(IMPORT_URLS[kind].upload, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kind === 'units' ? ['org', 'units'] : ['users'] }),
  });
}
