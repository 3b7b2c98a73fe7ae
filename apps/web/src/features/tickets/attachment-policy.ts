// Checking files against the attachment policy before they are sent (the server checks the bytes again).

/** What a person sees for each allowed type, and what the file picker offers. */
const EXTENSIONS: Record<string, string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'image/heic': ['.heic'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/vnd.oasis.opendocument.presentation': ['.odp'],
  'text/csv': ['.csv'],
  'application/zip': ['.zip'],
  'application/x-7z-compressed': ['.7z'],
  'application/x-rar-compressed': ['.rar'],
  'application/gzip': ['.gz'],
  'video/mp4': ['.mp4'],
  'audio/mpeg': ['.mp3'],
};

export interface AttachmentPolicy {
  types: string[];
  maxMb: number;
}

export const extensionsOf = (policy: AttachmentPolicy) => policy.types.flatMap((type) => EXTENSIONS[type] ?? []);

/** The picker's `accept`: the allowed types and their extensions (some systems report no type for a file). */
export const acceptOf = (policy: AttachmentPolicy) => [...policy.types, ...extensionsOf(policy)].join(',');

/** Why a file would be refused (`size` or `type`), or null when it passes. */
export function refusalOf(file: File, policy: AttachmentPolicy): 'size' | 'type' | null {
  if (file.size > policy.maxMb * 1024 * 1024) return 'size';
  const extension = file.name.includes('.') ? `.${file.name.split('.').pop()?.toLowerCase()}` : '';
  const allowed = policy.types.includes(file.type) || extensionsOf(policy).includes(extension);
  return allowed ? null : 'type';
}

/**
 * Files whose upload failed after their ticket was created, kept in this tab
 * so the ticket page can say so and upload them again (nothing typed is lost).
 */
const failed = new Map<string, { file: File; reason: string }[]>();
export const pendingUploads = {
  get: (number: string) => failed.get(number) ?? [],
  set: (number: string, files: { file: File; reason: string }[]) => (files.length ? failed.set(number, files) : failed.delete(number)),
};
