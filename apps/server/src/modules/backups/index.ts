// The backups module's public face: scheduled and on-demand archives of the whole database, restore, retention.
export { RestoreRefused, restoreArchive, writeArchive } from './backups.archive.ts';
export { backupRoutes } from './backups.routes.ts';
export { backupDirOf, lastBackupAgeSeconds, performBackup, registerBackups, startBackup } from './backups.service.ts';
