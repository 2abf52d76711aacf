// Helpers for the public report pages: real multipart bodies (built by the platform's
// FormData, as a browser would), the form token from a served page, a whole submission,
// the codename from the receipt, the codename sign-in, and a scan of every table.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { TestOrganisation } from './factories.ts';
import type { TestApp } from './test-app.ts';

export type Fields = Record<string, string | readonly string[]>;

export interface UploadFile {
  /** The file name the browser sends. */
  name: string;
  /** The part's Content-Type. */
  type: string;
  content: Uint8Array | string;
  /** The part's field name; 'files' by default. */
  field?: string;
}

export interface FormPart {
  name: string;
  value: string | UploadFile;
}

/** Parts in the given order, as the browser sends the form (file input last). */
export function partsOf(fields: Fields, files: readonly UploadFile[] = []): FormPart[] {
  const parts: FormPart[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value)
      parts.push({ name, value: item });
  }
  for (const file of files) parts.push({ name: file.field ?? 'files', value: file });
  return parts;
}

/**
 * A multipart/form-data body as a browser sends it. Written by hand rather than with the
 * platform's FormData, which leaves out `filename=""`: the part a browser sends for a file
 * input left empty.
 */
export function multipartBody(parts: readonly FormPart[]): {
  payload: Buffer;
  contentType: string;
} {
  const boundary = `----qorganTestBoundary${Math.random().toString(16).slice(2)}`;
  const quote = (text: string) =>
    text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (typeof part.value === 'string') {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${quote(part.name)}"\r\n\r\n`),
        Buffer.from(part.value, 'utf8'),
      );
    } else {
      const file = part.value;
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${quote(part.name)}"; filename="${quote(file.name)}"\r\n` +
            `Content-Type: ${file.type}\r\n\r\n`,
        ),
        typeof file.content === 'string'
          ? Buffer.from(file.content, 'utf8')
          : Buffer.from(file.content),
      );
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export interface PostOptions {
  headers?: Record<string, string>;
  cookie?: string;
  /** The client address the server sees (the rate limiter's key). */
  remoteAddress?: string;
}

/** POSTs a multipart form, as a browser without JavaScript does. */
export async function postMultipart(
  t: TestApp,
  url: string,
  parts: readonly FormPart[],
  options: PostOptions = {},
): Promise<LightMyRequestResponse> {
  const body = multipartBody(parts);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: {
      'content-type': body.contentType,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/** POSTs a urlencoded form (the codename and sign-out forms). */
export function postUrlencoded(
  t: TestApp,
  url: string,
  fields: Record<string, string>,
  options: PostOptions = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/**
 * A page with its formatting whitespace collapsed (the templates are formatted by
 * Prettier, which wraps tags), so tests can match markup on one line.
 */
export function flat(body: string): string {
  return body
    .replace(/\s+/g, ' ')
    .replace(/ ?\/>/g, '>')
    .replace(/ >/g, '>')
    .replace(/> /g, '>')
    .replace(/ </g, '<');
}

/** Text of an HTML page with its entities decoded (only those the pages write). */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}

/**
 * The value a browser shows in a textarea: its content, decoded, without the one line
 * break the HTML parser drops right after the start tag.
 */
export function textareaValue(body: string, name: string): string | null {
  const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(body);
  if (!match) return null;
  return unescapeHtml((match[1] ?? '').replace(/^\r?\n/, ''));
}

/** The value of a hidden input in a page. */
export function hiddenValue(body: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(body);
  if (!match?.[1]) throw new Error(`no hidden ${name} in the page`);
  return match[1];
}

/** The form token of a freshly served page. */
export async function formTokenFrom(t: TestApp, url: string, cookie?: string): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url,
    ...(cookie ? { headers: { cookie } } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
  return hiddenValue(res.body, 'form_token');
}

export interface SubmitOptions extends PostOptions {
  /** Answers by protocol field name; at least incident_types for a valid report. */
  fields?: Fields;
  files?: readonly UploadFile[];
  lang?: 'ru' | 'kk' | 'en';
  /** A form token to send instead of a fresh one (e.g. an expired one). */
  token?: string;
}

export interface Submission {
  res: LightMyRequestResponse;
  /** The codename on the receipt, or null when the form came back. */
  codename: string | null;
}

/** Fills in and sends the report form of `org` without JavaScript. */
export async function submitReport(
  t: TestApp,
  org: Pick<TestOrganisation, 'slug'>,
  options: SubmitOptions = {},
): Promise<Submission> {
  const token = options.token ?? (await formTokenFrom(t, `/report/${org.slug}`));
  const fields: Fields = {
    form_token: token,
    lang: options.lang ?? 'en',
    ...(options.fields ?? { incident_types: 'threats' }),
  };
  const res = await postMultipart(
    t,
    `/report/${org.slug}`,
    partsOf(fields, options.files ?? [{ name: '', type: 'application/octet-stream', content: '' }]),
    options,
  );
  return { res, codename: codenameIn(res.body) };
}

/** The codename shown on a receipt page, or null. */
export function codenameIn(body: string): string | null {
  return /<p class="codename"[^>]*>\s*([a-z]+(?: [a-z]+)*)\s*<\/p>/.exec(body)?.[1] ?? null;
}

/** The reporter session cookie a response sets, as a Cookie header value. */
export function reporterCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === '__Host-qorgan_reporter');
  if (!cookie) throw new Error(`no reporter cookie: ${res.statusCode}`);
  return `${cookie.name}=${cookie.value}`;
}

/** Signs in at /return with a codename; returns the response and the session cookie. */
export async function signInAtReturn(
  t: TestApp,
  codename: string,
  options: PostOptions & { lang?: string } = {},
): Promise<{ res: LightMyRequestResponse; cookie: string }> {
  const token = await formTokenFrom(t, '/return');
  const res = await postUrlencoded(
    t,
    '/return',
    { form_token: token, lang: options.lang ?? 'en', codename },
    options,
  );
  return { res, cookie: res.statusCode === 303 ? reporterCookieOf(res) : '' };
}

/** Every table's rows as text (bytea as UTF-8 and hex), for "appears nowhere" checks. */
export async function databaseText(t: TestApp): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
  `.execute(t.database.db);
  const chunks: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(
      t.database.db,
    );
    for (const row of rows.rows) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) {
          chunks.push(Buffer.from(value).toString('utf8'), Buffer.from(value).toString('hex'));
        } else chunks.push(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
      }
    }
  }
  return chunks.join('\n');
}

/** How many rows a table holds for an organisation. */
export async function countRows(
  t: TestApp,
  table: 'reports' | 'report_files' | 'report_messages' | 'notifications',
  organisationId: string,
): Promise<number> {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every blob file in the store (the .partial folder included). */
export async function blobFiles(t: TestApp): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const path = await import('node:path');
  const entries = await readdir(t.blobs.root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
