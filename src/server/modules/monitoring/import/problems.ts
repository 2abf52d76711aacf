// How an import reports a problem (the codes are in common/monitoring), and the error that
// ends an import early. A problem
// is per line (the rest of the file goes on); a FatalImportError stops the file (wrong
// encoding, a Telegram file that is not an export, a CSV quote that is never closed) and
// becomes the last problem the import yields.
import type {
  ImportProblem,
  ImportProblemCode,
} from '../../../../common/monitoring/imported-comment.ts';

export {
  IMPORT_PROBLEM_CODES,
  type ImportProblemCode,
} from '../../../../common/monitoring/imported-comment.ts';

export function problem(line: number, code: ImportProblemCode, message: string): ImportProblem {
  return { line, code, message };
}

/** Stops the whole file. `line` is where the reader was, when it knows better than its caller. */
export class FatalImportError extends Error {
  readonly code: ImportProblemCode;
  readonly line: number | undefined;
  constructor(code: ImportProblemCode, message: string, line?: number) {
    super(message);
    this.name = 'FatalImportError';
    this.code = code;
    this.line = line;
  }
}
