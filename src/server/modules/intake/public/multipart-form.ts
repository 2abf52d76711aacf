// Reads a public form posted as multipart/form-data, streaming. The forms put every
// plain field before the files (the file input is last in the DOM), so the fields are
// complete when the first file, or the first file_* field of the browser-encrypted
// variant, arrives: that moment is the checkpoint where the route checks the rate limit,
// the form token and the answers before anything is stored. File parts are handed over
// as streams and never buffered or written to a temporary file here.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { LIMITS } from '../../../../common/intake/report.ts';
import { largestSealedText } from './browser-sealed.ts';

/** Fields of the browser-encrypted variant that describe the next encrypted file. */
export const FILE_FIELDS = ['file_key', 'file_meta', 'file_role', 'file_original_of'] as const;
export type FileFieldName = (typeof FILE_FIELDS)[number];

const isFileField = (name: string): name is FileFieldName =>
  (FILE_FIELDS as readonly string[]).includes(name);

/** The plain fields of a posted form: repeated names keep every value, in order. */
export class FormFields {
  private readonly values = new Map<string, string[]>();
  /** Names of fields that were longer than the parser accepts. */
  readonly truncated = new Set<string>();

  add(name: string, value: string): void {
    const list = this.values.get(name);
    if (list) list.push(value);
    else this.values.set(name, [value]);
  }

  /** The first value of a field, or '' when absent. */
  get(name: string): string {
    return this.values.get(name)?.[0] ?? '';
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  static from(record: Record<string, unknown>): FormFields {
    const fields = new FormFields();
    for (const [name, value] of Object.entries(record)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') fields.add(name, item);
      }
    }
    return fields;
  }
}

export interface FilePart {
  fieldName: string;
  /** As sent by the browser; '' when the file input was left empty. */
  fileName: string;
  mimeType: string;
  stream: Readable & AsyncIterable<Uint8Array>;
}

/** Why reading stopped before the end of the body. */
export type ReadProblem = 'too_many_files' | 'file_too_large' | 'bad_form';

export interface FormHandlers {
  /**
   * Called once, when the plain fields are complete. Return false to store nothing: the
   * rest of the body is then left unread (Node discards it after the response).
   */
  checkpoint(fields: FormFields): Promise<boolean>;
  /** A file_* field of the browser-encrypted variant, after the checkpoint. */
  onFileField(name: FileFieldName, value: string, truncated: boolean): void;
  /** A file part, after the checkpoint. Throwing stops reading; the error propagates. */
  onFile(part: FilePart): Promise<void>;
}

export interface MultipartLimits {
  /** Largest file part in bytes (the envelope size of the largest allowed file). */
  fileBytes: number;
}

/** Busboy limits of the public forms: generous for a person, small for a flood. */
export function busboyLimits(limits: MultipartLimits) {
  return {
    fieldNameSize: 40,
    // The largest field is the browser-sealed details: every text limit, UTF-8, base64url.
    fieldSize: largestSealedText() + 1024,
    fields: 200,
    // A photo kept with its metadata arrives as two encrypted parts from the browser.
    files: LIMITS.filesPerSubmission * 2,
    fileSize: limits.fileBytes + 1,
    parts: 300,
    headerPairs: 20,
  };
}

/**
 * Streams the form through `handlers`. Resolves with the fields and, when the parser
 * refused the body (a limit, a malformed body), the problem; errors thrown by a handler
 * propagate.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  limits: MultipartLimits,
  handlers: FormHandlers,
): Promise<{ fields: FormFields; problem: ReadProblem | null; stopped: boolean }> {
  const fields = new FormFields();
  let checked = false;
  const checkpoint = async (): Promise<boolean> => {
    checked = true;
    try {
      return await handlers.checkpoint(fields);
    } catch (error) {
      throw new HandlerFailure(error);
    }
  };
  const parts = request.parts({ limits: busboyLimits(limits) });
  try {
    for await (const part of parts as AsyncIterable<Multipart>) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        if (isFileField(part.fieldname)) {
          if (!checked && !(await checkpoint())) return { fields, problem: null, stopped: true };
          handlers.onFileField(part.fieldname, value, part.valueTruncated);
          continue;
        }
        if (checked) continue; // plain fields after the files are not part of the protocol
        fields.add(part.fieldname, value);
        if (part.valueTruncated) fields.truncated.add(part.fieldname);
        continue;
      }
      if (!checked && !(await checkpoint())) {
        part.file.destroy();
        return { fields, problem: null, stopped: true };
      }
      try {
        await handlers.onFile({
          fieldName: part.fieldname,
          // A part without a file name is a file input left empty, as is filename="".
          fileName: part.filename ?? '',
          mimeType: part.mimetype,
          stream: part.file,
        });
      } catch (error) {
        // A body cut short or malformed inside a file fails the file's stream: that is the
        // request's fault, not the handler's.
        if (part.file.errored) return { fields, problem: 'bad_form', stopped: true };
        // A refused file may be half read: stop the parser rather than wait for it.
        part.file.destroy();
        throw new HandlerFailure(error);
      }
      // busboy marks a file cut at the size limit; its consumer may not have noticed.
      if ((part.file as Readable & { truncated?: boolean }).truncated) {
        return { fields, problem: 'file_too_large', stopped: true };
      }
    }
  } catch (error) {
    if (error instanceof HandlerFailure) throw error.error;
    return { fields, problem: problemOf(request, error), stopped: true };
  }
  if (!checked && !(await checkpoint())) return { fields, problem: null, stopped: true };
  return { fields, problem: null, stopped: false };
}

/** An error thrown by a handler, told apart from the parser's own. */
class HandlerFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

/** Any parser failure (a limit, a malformed or cut body) is one of these. */
function problemOf(request: FastifyRequest, error: unknown): ReadProblem {
  const errors = request.server.multipartErrors;
  if (error instanceof errors.FilesLimitError) return 'too_many_files';
  if (error instanceof errors.RequestFileTooLargeError) return 'file_too_large';
  return 'bad_form';
}
