// The browser-encrypted variant of a public form (intake brief, "Public form protocol").
// Loaded only when the reporter sends, because it carries libsodium. It builds a second,
// hidden form with the same action: the coded answers copied in page order, then the
// sealed values, then each file as a stream envelope in its own file input. Submitting that
// form navigates to the server's answer exactly as the plain form would. The page's own
// form is left untouched, so it can still be sent as it is if anything here fails.
import { fromB64, toB64, toHex } from '../common/crypto/encoding.ts';
import { encryptField, generateSymmetricKey, sealTo } from '../common/crypto/envelope.ts';
import { generateRecordKey, sealRecordKey } from '../common/crypto/keys.ts';
import { loadSodium, sodium } from '../common/crypto/sodium.ts';
import { CHUNK_BYTES, createStreamEncryptor } from '../common/crypto/stream.ts';
import { textOf } from './answer-check.ts';
import type { CheckedFile } from './file-check.ts';
import { replaceExtension, sanitiseFileName } from './file-name.ts';
import { stripPhoto } from './photo.ts';
import {
  DETAILS_CONTEXT,
  ENCRYPTED_FIELD_NAMES,
  MESSAGE_PLAINTEXT_ONLY,
  REPORT_PLAINTEXT_ONLY,
  SEALED_REPORT_FIELDS,
  type FormKind,
} from './protocol.ts';

/** Reads this much of a file at a time: 16 stream chunks. */
const READ_BYTES = 16 * CHUNK_BYTES;
/** Encrypted pieces are folded into a Blob every this many, so the JS heap stays small. */
const FOLD_PIECES = 64;

export interface Progress {
  /** 1-based number of the chosen file being encrypted. */
  file: number;
  files: number;
}

export interface EncryptFormOptions {
  form: HTMLFormElement;
  kind: FormKind;
  /** The button that sent the form, if it has a name and value to send. */
  submitter: HTMLElement | null;
  /** The chosen files, checked (file-check.ts), every one 'allowed'. */
  files: readonly CheckedFile[];
  maxFileBytes: number;
  onProgress(progress: Progress): void;
}

type Entry = [name: string, value: string | File];

/** Loads libsodium; resolves once it can be used. */
export async function prepare(): Promise<void> {
  await loadSodium();
}

function publicKeyOf(text: string | undefined): Uint8Array {
  const key = fromB64(text ?? '');
  if (key.length !== sodium().crypto_box_PUBLICKEYBYTES) throw new Error('bad public key');
  return key;
}

function formData(form: HTMLFormElement, submitter: HTMLElement | null): FormData {
  try {
    return new FormData(form, submitter);
  } catch {
    // Browsers before the submitter argument (Safari < 16.4).
    return new FormData(form);
  }
}

/** The hidden form to submit; throws when the browser cannot build it. */
export async function encryptForm(options: EncryptFormOptions): Promise<HTMLFormElement> {
  await loadSodium();
  const { form, kind } = options;
  const orgKey = publicKeyOf(form.dataset.orgPublicKey);
  const plaintextOnly = kind === 'report' ? REPORT_PLAINTEXT_ONLY : MESSAGE_PLAINTEXT_ONLY;

  const entries: Entry[] = [];
  for (const [name, value] of formData(form, options.submitter)) {
    // Files and sealed fields are replaced below; nothing else the page has is dropped.
    if (typeof value !== 'string' || plaintextOnly.has(name)) continue;
    if (ENCRYPTED_FIELD_NAMES.has(name)) throw new Error(`the page already has ${name}`);
    entries.push([name, value]);
  }
  entries.push(['encrypted_by', 'browser']);
  if (kind === 'report') entries.push(...sealReport(form, orgKey));
  else entries.push(...sealMessage(form, orgKey, publicKeyOf(form.dataset.reporterPublicKey)));

  const keepMetadata =
    form.querySelector<HTMLInputElement>('input[name="keep_metadata"]')?.checked ?? false;
  let stored = 0;
  for (const [index, checked] of options.files.entries()) {
    options.onProgress({ file: index + 1, files: options.files.length });
    for (const copy of await copiesOf(checked, keepMetadata, options.maxFileBytes)) {
      const sealed = await encryptCopy(copy, orgKey);
      entries.push(
        ['file_key', sealed.sealedKey],
        ['file_meta', sealed.sealedMeta],
        ['file_role', copy.role],
        ['file_original_of', copy.role === 'original' ? String(stored - 1) : ''],
        ['encrypted_file', sealed.envelope],
      );
      stored += 1;
    }
  }
  return hiddenForm(form, entries);
}

/** sealed_record_key, and sealed_details when the reporter wrote anything. */
function sealReport(form: HTMLFormElement, orgKey: Uint8Array): Entry[] {
  const details: Record<string, string> = {};
  for (const field of SEALED_REPORT_FIELDS) {
    const text = textOf(form, field.name);
    if (text.trim() !== '') details[field.key] = text;
  }
  const recordKey = generateRecordKey();
  try {
    const entries: Entry[] = [['sealed_record_key', toB64(sealRecordKey(recordKey, orgKey))]];
    if (Object.keys(details).length > 0) {
      const sealed = encryptField(recordKey, JSON.stringify(details), DETAILS_CONTEXT);
      entries.push(['sealed_details', toB64(sealed)]);
    }
    return entries;
  } finally {
    sodium().memzero(recordKey);
  }
}

/** The message text sealed twice: to the organisation and to the reporter. */
function sealMessage(form: HTMLFormElement, orgKey: Uint8Array, reporterKey: Uint8Array): Entry[] {
  const text = textOf(form, 'body');
  return [
    ['sealed_for_org', toB64(sealTo(orgKey, text))],
    ['sealed_for_reporter', toB64(sealTo(reporterKey, text))],
  ];
}

interface Copy {
  role: 'working' | 'original';
  body: Blob;
  name: string;
  type: string;
  metadataRemoved: boolean;
}

/**
 * What is stored of one chosen file: the working copy (a photo re-encoded without its
 * metadata), then the untouched original when the reporter asked to keep it.
 */
async function copiesOf(
  checked: CheckedFile,
  keepMetadata: boolean,
  maxFileBytes: number,
): Promise<Copy[]> {
  const { file, classification } = checked;
  if (classification.verdict !== 'allowed') throw new Error('an unchecked file');
  const { mime, photoFormat } = classification.type;
  const name = sanitiseFileName(file.name);
  const original: Copy = { role: 'original', body: file, name, type: mime, metadataRemoved: false };
  if (photoFormat === null) return [{ ...original, role: 'working' }];

  const stripped = await stripPhoto(file, photoFormat);
  // The server refuses an envelope over the limit; let it make the copy (and say so) instead.
  if (stripped.size > maxFileBytes) throw new Error('the working copy is over the size limit');
  const workingName =
    stripped.type === mime
      ? name
      : replaceExtension(name, stripped.type === 'image/jpeg' ? 'jpg' : stripped.type.slice(6));
  const working: Copy = {
    role: 'working',
    body: stripped,
    name: workingName,
    type: stripped.type,
    metadataRemoved: true,
  };
  return keepMetadata ? [working, original] : [working];
}

/**
 * Encrypts one copy under a fresh file key, reading it slice by slice: only one slice of
 * plaintext is in memory at a time, and the ciphertext is handed to Blobs, which the browser
 * may keep outside the JS heap.
 */
async function encryptCopy(
  copy: Copy,
  orgKey: Uint8Array,
): Promise<{ sealedKey: string; sealedMeta: string; envelope: File }> {
  const fileKey = generateSymmetricKey();
  try {
    const encryptor = createStreamEncryptor(fileKey);
    const folded: Blob[] = [];
    let pieces: Uint8Array[] = [encryptor.header];
    const fold = () => {
      folded.push(new Blob(pieces as BlobPart[]));
      pieces = [];
    };
    const size = copy.body.size;
    if (size === 0) pieces.push(encryptor.push(new Uint8Array(0), true));
    for (let offset = 0; offset < size; offset += READ_BYTES) {
      const end = Math.min(offset + READ_BYTES, size);
      const slice = new Uint8Array(await copy.body.slice(offset, end).arrayBuffer());
      for (let at = 0; at < slice.length; at += CHUNK_BYTES) {
        const stop = Math.min(at + CHUNK_BYTES, slice.length);
        pieces.push(encryptor.push(slice.subarray(at, stop), offset + stop === size));
      }
      if (pieces.length >= FOLD_PIECES) fold();
    }
    fold();
    const meta = {
      name: copy.name,
      type: copy.type,
      size,
      sha256: toHex(encryptor.sha256()),
      metadataRemoved: copy.metadataRemoved,
    };
    return {
      sealedKey: toB64(sealTo(orgKey, fileKey)),
      sealedMeta: toB64(sealTo(orgKey, JSON.stringify(meta))),
      // A neutral name: the real one is sealed in the metadata.
      envelope: new File(folded, 'encrypted', { type: 'application/octet-stream' }),
    };
  } finally {
    sodium().memzero(fileKey);
  }
}

/** A hidden form with the entries in order; each file gets its own file input. */
function hiddenForm(source: HTMLFormElement, entries: readonly Entry[]): HTMLFormElement {
  const form = document.createElement('form');
  form.method = 'post';
  form.enctype = 'multipart/form-data';
  form.acceptCharset = 'utf-8';
  form.action = new URL(source.getAttribute('action') ?? '', location.href).href;
  form.hidden = true;
  form.dataset.encryptedCopy = '';
  for (const [name, value] of entries) {
    const input = document.createElement('input');
    input.name = name;
    if (typeof value === 'string') {
      input.type = 'hidden';
      input.value = value;
    } else {
      input.type = 'file';
      const transfer = new DataTransfer();
      transfer.items.add(value);
      input.files = transfer.files;
      if (input.files?.length !== 1) throw new Error('this browser cannot attach a built file');
    }
    form.append(input);
  }
  return form;
}
