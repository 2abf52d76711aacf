// Why a reporter's file was refused. The public form turns each code into a sentence in
// the reporter's language; the code carries nothing about the file's content.

export type UploadErrorCode =
  | 'file_too_large'
  | 'file_empty'
  | 'file_type_mismatch'
  | 'file_type_not_allowed'
  | 'file_not_encrypted'
  | 'image_unreadable';

export class UploadError extends Error {
  readonly code: UploadErrorCode;
  /** For file_too_large: the limit that applied (photos have a lower one than other files). */
  readonly limitBytes: number | null;

  constructor(code: UploadErrorCode, limitBytes: number | null = null) {
    super(`upload refused: ${code}`);
    this.name = 'UploadError';
    this.code = code;
    this.limitBytes = limitBytes;
  }
}
