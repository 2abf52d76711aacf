// The files of one posted form, stored as they stream in: plaintext files through the
// upload pipeline (src/server/files), browser-encrypted ones checked for shape and stored
// as sent. When the form is refused for any reason, discard() removes every blob stored
// so far, so nothing half-stored stays behind.
import { LIMITS } from '../../../../common/intake/report.ts';
import type { BlobStore } from '../../../blobs/blob-store.ts';
import {
  discardUploads,
  storeEncryptedUpload,
  storeUploadedFile,
  UploadError,
  type UploadErrorCode,
} from '../../../files/store-upload.ts';
import type { StoredFileInput } from '../submissions.repository.ts';
import { sealedValue } from './browser-sealed.ts';
import type { FileFieldName, FilePart } from './multipart-form.ts';

/** Why a file was refused, in words the form can translate. */
export interface FileProblem {
  code: UploadErrorCode | 'too_many_files';
  /** The file's name as the reporter chose it (only echoed back to them). */
  name: string;
  /** The size limit that applied, for file_too_large. */
  limitBytes: number | null;
}

export class FileRefused extends Error {
  readonly problem: FileProblem;
  constructor(problem: FileProblem) {
    super(`file refused: ${problem.code}`);
    this.name = 'FileRefused';
    this.problem = problem;
  }
}

export class FormUploads {
  /** Stored files in order; `originalOf` indexes this list. */
  readonly files: StoredFileInput[] = [];
  private chosen = 0;
  private pending = new Map<FileFieldName, string>();
  private pendingBroken = false;
  private readonly blobs: BlobStore;
  private readonly organisationPublicKey: Uint8Array;
  private readonly maxBytes: number;

  constructor(options: { blobs: BlobStore; organisationPublicKey: Uint8Array; maxBytes: number }) {
    this.blobs = options.blobs;
    this.organisationPublicKey = options.organisationPublicKey;
    this.maxBytes = options.maxBytes;
  }

  /** Working copies stored (what the reporter counts as "files"). */
  get count(): number {
    return this.files.filter((f) => f.role === 'working').length;
  }

  /** A file from the no-JavaScript form: type checked, photos stripped, encrypted. */
  async addPlain(part: FilePart, keepMetadata: boolean): Promise<void> {
    if (part.fileName === '') {
      // The file input was left empty: browsers still send an empty part.
      for await (const _chunk of part.stream) void _chunk;
      return;
    }
    this.countOne(part.fileName);
    let stored;
    try {
      stored = await storeUploadedFile({
        blobs: this.blobs,
        organisationPublicKey: this.organisationPublicKey,
        source: part.stream,
        fileName: part.fileName,
        declaredType: part.mimeType,
        keepMetadata,
        maxBytes: this.maxBytes,
      });
    } catch (error) {
      throw refusal(error, part.fileName, this.maxBytes);
    }
    const base = this.files.length;
    for (const file of stored) {
      this.files.push({
        blobKey: file.blobKey,
        role: file.role,
        originalOf: file.originalOf === null ? null : base + file.originalOf,
        sealedFileKey: file.sealedFileKey,
        sealedMeta: file.sealedMeta,
        ciphertextBytes: file.ciphertextBytes,
      });
    }
  }

  /** file_key, file_meta, file_role, file_original_of: they describe the next file part. */
  describeNext(name: FileFieldName, value: string, truncated: boolean): void {
    if (this.pending.has(name) || truncated) this.pendingBroken = true;
    this.pending.set(name, value);
  }

  /** A browser-encrypted file, with the sealed key and metadata sent before it. */
  async addEncrypted(part: FilePart): Promise<void> {
    const fields = this.pending;
    const broken = this.pendingBroken;
    this.pending = new Map();
    this.pendingBroken = false;
    const name = `#${this.files.length + 1}`;
    if (part.fieldName !== 'encrypted_file') throw notEncrypted(name);
    const sealedFileKey = sealedValue(fields.get('file_key') ?? '', 'sealedKey');
    const sealedMeta = sealedValue(fields.get('file_meta') ?? '', 'fileMeta');
    const role = fields.get('file_role');
    const originalOf = this.originalIndex(role, fields.get('file_original_of') ?? '');
    if (broken || !sealedFileKey || !sealedMeta || originalOf === undefined) {
      throw notEncrypted(name);
    }
    if (role === 'working') this.countOne(name);
    let stored;
    try {
      stored = await storeEncryptedUpload({
        blobs: this.blobs,
        source: part.stream,
        maxBytes: this.maxBytes,
      });
    } catch (error) {
      throw refusal(error, name, this.maxBytes);
    }
    this.files.push({
      blobKey: stored.blobKey,
      role: role === 'original' ? 'original' : 'working',
      originalOf,
      sealedFileKey,
      sealedMeta,
      ciphertextBytes: stored.ciphertextBytes,
    });
  }

  /** Removes every stored blob (the form was refused). */
  async discard(): Promise<void> {
    const keys = this.files.map((f) => f.blobKey);
    this.files.length = 0;
    if (keys.length > 0) await discardUploads(this.blobs, keys);
  }

  private countOne(name: string): void {
    this.chosen += 1;
    if (this.chosen > LIMITS.filesPerSubmission) {
      throw new FileRefused({ code: 'too_many_files', name, limitBytes: null });
    }
  }

  /**
   * The index of the working copy an original belongs to: an earlier working file that
   * has no original yet. null for a working copy; undefined when the description is wrong.
   */
  private originalIndex(role: string | undefined, text: string): number | null | undefined {
    if (role === 'working') return text === '' ? null : undefined;
    if (role !== 'original' || !/^\d{1,3}$/.test(text)) return undefined;
    const index = Number(text);
    const target = this.files[index];
    if (!target || target.role !== 'working') return undefined;
    if (this.files.some((f) => f.originalOf === index)) return undefined;
    return index;
  }
}

function notEncrypted(name: string): FileRefused {
  return new FileRefused({ code: 'file_not_encrypted', name, limitBytes: null });
}

function refusal(error: unknown, name: string, maxBytes: number): unknown {
  if (!(error instanceof UploadError)) return error;
  return new FileRefused({
    code: error.code,
    name,
    limitBytes: error.code === 'file_too_large' ? (error.limitBytes ?? maxBytes) : null,
  });
}
