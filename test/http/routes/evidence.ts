// Evidence routes of uploads, items, files and custody for the route table
// (../route-table.ts). Uploads belong to the member who began them, so a build makes its
// upload as the actor when the actor's role may write evidence (else as the admin: such
// a role is refused before the upload is looked at). Items are made by the admin under a
// fresh incident of `org`, which every role that reads evidence may see.
import { randomUUID } from 'node:crypto';
import { encryptBytes } from '../../../src/common/crypto/stream.ts';
import { generateFileKey, generateItemKey } from '../../../src/common/evidence/item-crypto.ts';
import { ROLE_PERMISSIONS } from '../../../src/common/policy/permissions.ts';
import {
  commitBody,
  injectBeginUpload,
  injectUploadFile,
  injectUploadItem,
} from '../../evidence/upload-helpers.ts';
import type { TestMember, TestOrganisation } from '../../helpers/factories.ts';
import { createTestIncident } from '../../helpers/records.ts';
import type { TestApp } from '../../helpers/test-app.ts';
import type { RouteCase } from '../route-case.ts';

const incidentOf = async (t: TestApp, org: TestOrganisation) => {
  const incident = await createTestIncident(t, org);
  return { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
};

/**
 * The member an upload is begun as: the actor when they may write evidence (an approved
 * member whose role has evidence.write), else the admin.
 */
async function uploaderFor(t: TestApp, org: TestOrganisation, actor: TestMember) {
  if (!ROLE_PERMISSIONS[actor.role].includes('evidence.write')) return org.admin;
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { cookie: actor.cookie },
  });
  return me.json<{ member?: { status?: string } }>().member?.status === 'active'
    ? actor
    : org.admin;
}

const itemOf = async (t: TestApp, org: TestOrganisation) =>
  injectUploadItem(t, org.admin, await incidentOf(t, org));

/** A small encrypted file's envelope. */
const envelope = () => encryptBytes(generateFileKey(), new TextEncoder().encode('segment'));

async function uploadOf(t: TestApp, org: TestOrganisation, actor: TestMember, length: number) {
  const target = await incidentOf(t, org);
  return injectBeginUpload(t, await uploaderFor(t, org, actor), target.parent, length);
}

export const EVIDENCE_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/api/evidence/uploads',
    need: 'evidence.write',
    ok: 201,
    build: async (t, org) => ({
      url: '/api/evidence/uploads',
      payload: { parent: (await incidentOf(t, org)).parent, length: envelope().byteLength },
    }),
  },
  {
    method: 'GET',
    route: '/api/evidence/uploads/:id',
    need: 'evidence.write',
    ok: 200,
    build: async (t, org, actor) => ({
      url: `/api/evidence/uploads/${await uploadOf(t, org, actor, envelope().byteLength)}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/evidence/uploads/:id',
    need: 'evidence.write',
    ok: 204,
    build: async (t, org, actor) => {
      const bytes = envelope();
      return {
        url: `/api/evidence/uploads/${await uploadOf(t, org, actor, bytes.byteLength)}`,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.from(bytes),
      };
    },
  },
  {
    method: 'DELETE',
    route: '/api/evidence/uploads/:id',
    need: 'evidence.write',
    ok: 204,
    build: async (t, org, actor) => ({
      url: `/api/evidence/uploads/${await uploadOf(t, org, actor, envelope().byteLength)}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/evidence/items',
    need: 'evidence.write',
    ok: 201,
    build: async (t, org, actor) => {
      const target = await incidentOf(t, org);
      const itemId = randomUUID();
      const itemKey = generateItemKey();
      const plaintext = new TextEncoder().encode('route table evidence');
      const { file } = await injectUploadFile(
        t,
        await uploaderFor(t, org, actor),
        target.parent,
        itemKey,
        plaintext,
      );
      return {
        url: '/api/evidence/items',
        payload: commitBody(target, itemId, itemKey, [file], plaintext),
      };
    },
  },
  {
    method: 'GET',
    route: '/api/evidence/items',
    need: 'evidence.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/evidence/items?incidentId=${(await itemOf(t, org)).incidentId ?? ''}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/evidence/items/:id',
    need: 'evidence.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/evidence/items/${(await itemOf(t, org)).id}` }),
  },
  {
    method: 'DELETE',
    route: '/api/evidence/items/:id',
    need: 'evidence.delete',
    ok: 204,
    build: async (t, org) => ({ url: `/api/evidence/items/${(await itemOf(t, org)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/evidence/files/:fileId/content',
    need: 'evidence.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/evidence/files/${(await itemOf(t, org)).files[0]?.id ?? ''}/content?purpose=view`,
    }),
  },
  {
    method: 'POST',
    route: '/api/evidence/items/:id/verifications',
    need: 'evidence.read',
    ok: 201,
    build: async (t, org) => ({
      url: `/api/evidence/items/${(await itemOf(t, org)).id}/verifications`,
      payload: { result: 'pass', failures: [] },
    }),
  },
  {
    method: 'POST',
    route: '/api/evidence/exports',
    need: 'evidence.export',
    ok: 201,
    build: async (t, org) => ({
      url: '/api/evidence/exports',
      payload: {
        caseId: null,
        itemIds: [(await itemOf(t, org)).id],
        packageManifestSha256: 'ab'.repeat(32),
      },
    }),
  },
  {
    method: 'GET',
    route: '/api/evidence/items/:id/custody',
    need: 'evidence.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/evidence/items/${(await itemOf(t, org)).id}/custody` }),
  },
];
