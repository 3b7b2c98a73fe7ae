/** Uploads above this are refused before they are read in full; policies (attachments, photos) may allow less. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
