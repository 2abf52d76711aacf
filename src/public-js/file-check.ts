// Checks the files a reporter chose, as soon as they are chosen: the count, each file's
// size against the form's limit, and its type from its first bytes. Nothing is read past
// the first few kilobytes, and nothing is sent anywhere.
import { classifyFile, HEAD_BYTES, type Classification } from './file-types.ts';
import type { MessageKey } from './messages.ts';
import { FILES_PER_SUBMISSION } from './protocol.ts';

export interface FileProblem {
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface CheckedFile {
  file: File;
  classification: Classification;
}

export interface FileCheck {
  files: CheckedFile[];
  problems: FileProblem[];
}

/** Reads at most HEAD_BYTES from the start of a file. */
async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

export async function checkFiles(
  files: readonly File[],
  maxFileBytes: number,
  formatSize: (bytes: number, exact: boolean) => string,
): Promise<FileCheck> {
  const problems: FileProblem[] = [];
  if (files.length > FILES_PER_SUBMISSION) {
    problems.push({
      key: 'too_many_files',
      params: { chosen: files.length, count: FILES_PER_SUBMISSION },
    });
  }
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const name = file.name;
    if (file.size === 0) {
      problems.push({ key: 'file_empty', params: { name } });
      continue;
    }
    if (file.size > maxFileBytes) {
      problems.push({
        key: 'file_too_large',
        params: {
          name,
          actual: formatSize(file.size, true),
          size: formatSize(maxFileBytes, false),
        },
      });
      continue;
    }
    const classification = classifyFile({
      head: await headOf(file),
      fileName: name,
      declaredType: file.type,
    });
    if (classification.verdict === 'refused') {
      problems.push({ key: classification.code, params: { name } });
      continue;
    }
    checked.push({ file, classification });
  }
  return { files: checked, problems };
}
