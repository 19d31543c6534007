export { filesBucket, filesClient, resetFilesClient } from './files-client.ts';
export { assertSafeKey, DEFAULT_LINK_SECONDS, MAX_LINK_SECONDS, presignDownload, presignUpload, putFile, readFileText, statFile, type StoredFile } from './files.ts';
export { uploadStream, UPLOAD_PART_BYTES } from './upload.ts';
