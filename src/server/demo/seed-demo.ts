// Seeds a demo organisation with a member of every role and invented, synthetic data, so
// a newcomer sees every screen populated. Nothing here describes a real person or event.
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomInt } from 'node:crypto';
import type { Role } from '../../common/api/accounts.ts';
import { buildMemberCredentials, buildNewOrganisation } from '../../common/accounts/client-ops.ts';
import { toB64 } from '../../common/crypto/encoding.ts';
import { createKeyGrant, type KdfParams } from '../../common/crypto/keys.ts';
import type { Actor } from '../../common/policy/permissions.ts';
import { acceptInvitation } from '../modules/accounts/accept-invitation.ts';
import type { IntakeDeps } from '../modules/intake/intake.deps.ts';
import { seedDemoCases, type DemoCasesSeed } from './seed-demo-cases.ts';
import { seedDemoEvidence } from './seed-demo-evidence.ts';
import { seedDemoMonitoring, type DemoMonitoringSeed } from './seed-demo-monitoring.ts';
import { seedDemoReports, type DemoReport } from './seed-demo-reports.ts';
import { approveMember } from '../modules/accounts/approve-member.ts';
import { createInvitation } from '../modules/accounts/create-invitation.ts';
import { registerOrganisation } from '../modules/accounts/register-organisation.ts';

export interface DemoMember {
  role: Role;
  email: string;
  password: string;
  status: 'active' | 'pending';
}

export interface DemoSeed {
  organisationName: string;
  organisationSlug: string;
  recoveryWords: string;
  members: DemoMember[];
  openInvitationToken: string;
  /** Invented reports, with the codenames a newcomer can try at /return. */
  reports: DemoReport[];
  /** A second organisation, so /report has a choice to show and a case can be referred. */
  partner: { name: string; slug: string; admin: DemoMember };
  /** Invented incidents and cases. */
  records: DemoCasesSeed;
  /** Invented evidence items, and the member who collected them (for the demo capture). */
  evidence: { items: { itemId: string; manifestDigest: string }[]; collector: Actor };
  /** An invented monitoring campaign, partly reviewed by the demo monitor. */
  monitoring: DemoMonitoringSeed;
}

/** A fresh random passphrase per run: the demo has no default password either. */
function demoPassword(): string {
  return Array.from({ length: 4 }, () => wordlist[randomInt(wordlist.length)]).join('-');
}

const DEMO_ROLES: { role: Role; name: string }[] = [
  { role: 'coordinator', name: 'Aigerim (demo coordinator)' },
  { role: 'case_worker', name: 'Daniyar (demo case worker)' },
  { role: 'lawyer', name: 'Saule (demo lawyer)' },
  { role: 'monitor', name: 'Timur (demo monitor)' },
  { role: 'viewer', name: 'Zhanna (demo viewer)' },
];

export async function seedDemo(options: { deps: IntakeDeps; kdf: KdfParams }): Promise<DemoSeed> {
  const { deps, kdf } = options;
  const organisationName = 'Demo: Shield Initiative (invented)';
  const organisationSlug = 'demo';
  const admin: DemoMember = {
    role: 'admin',
    email: 'admin@demo.qorgan.invalid',
    password: demoPassword(),
    status: 'active',
  };
  const built = buildNewOrganisation({
    name: organisationName,
    slug: organisationSlug,
    defaultLocale: 'ru',
    admin: {
      email: admin.email,
      displayName: 'Asel (demo admin)',
      password: admin.password,
      locale: 'ru',
      kdf,
    },
  });
  const { organisationId, memberId } = await registerOrganisation({
    deps,
    organisation: built.body.organisation,
    admin: built.body.admin,
  });
  const adminActor: Actor = { memberId, organisationId, role: 'admin', status: 'active' };
  const members: DemoMember[] = [admin];

  const actors = new Map<Role, Actor>();
  const join = async (role: Role, displayName: string, approve: boolean, email: string) => {
    const password = demoPassword();
    const invitation = await createInvitation({ deps, actor: adminActor, role });
    const credentials = buildMemberCredentials({
      email,
      displayName,
      password,
      locale: 'ru',
      orgPublicKey: built.orgKeyPair.publicKey,
      kdf,
    });
    const accepted = await acceptInvitation({
      deps,
      token: invitation.token,
      credentials: credentials.credentials,
      device: 'Demo seed',
    });
    if (approve) {
      await approveMember({
        deps,
        actor: adminActor,
        memberId: accepted.memberId,
        sealedOrgKey: toB64(
          createKeyGrant(built.orgKeyPair.privateKey, credentials.keyPair.publicKey),
        ),
      });
    }
    members.push({ role, email, password, status: approve ? 'active' : 'pending' });
    if (approve && !actors.has(role)) {
      actors.set(role, {
        memberId: accepted.memberId,
        organisationId,
        role,
        status: 'active',
      });
    }
  };
  for (const { role, name } of DEMO_ROLES) {
    await join(role, name, true, `${role.replace('_', '-')}@demo.qorgan.invalid`);
  }
  // One newcomer waits for approval, so the approval screen has something to show.
  await join(
    'case_worker',
    'Nurlan (demo newcomer, awaiting approval)',
    false,
    'newcomer@demo.qorgan.invalid',
  );
  const open = await createInvitation({ deps, actor: adminActor, role: 'monitor' });
  const reports = await seedDemoReports({
    deps,
    organisation: { id: organisationId, publicKey: built.orgKeyPair.publicKey },
    caseWorker: actors.get('case_worker') ?? adminActor,
  });
  const partner = await seedPartner(deps, kdf);
  const reportId = (status: string, locale: string) => {
    const found = reports.find((r) => r.status === status && r.locale === locale);
    if (!found) throw new Error(`the demo has no ${status} ${locale} report`);
    return found.id;
  };
  const records = await seedDemoCases({
    deps,
    org: { id: organisationId, keyPair: built.orgKeyPair },
    admin: adminActor,
    caseWorker: actors.get('case_worker') ?? adminActor,
    lawyer: actors.get('lawyer') ?? adminActor,
    partner: { id: partner.id, publicKey: partner.publicKey },
    confinementReportId: reportId('accepted', 'ru'),
    onlineReportId: reportId('accepted', 'en'),
  });
  const collector = actors.get('lawyer') ?? adminActor;
  const evidenceItems = await seedDemoEvidence({
    deps,
    actor: collector,
    ...records.evidenceTargets,
  });
  const monitoring = await seedDemoMonitoring({
    deps,
    monitor: actors.get('monitor') ?? adminActor,
  });
  return {
    organisationName,
    organisationSlug,
    recoveryWords: built.recoveryWords,
    members,
    openInvitationToken: open.token,
    reports,
    partner: { name: partner.name, slug: partner.slug, admin: partner.admin },
    records,
    evidence: { items: evidenceItems, collector },
    monitoring,
  };
}

/** A second invented organisation that also accepts reports, with only its admin. */
async function seedPartner(
  deps: IntakeDeps,
  kdf: KdfParams,
): Promise<DemoSeed['partner'] & { id: string; publicKey: Uint8Array }> {
  const name = 'Demo: Steppe Support Line (invented)';
  const slug = 'demo-partner';
  const admin: DemoMember = {
    role: 'admin',
    email: 'admin@partner.demo.qorgan.invalid',
    password: demoPassword(),
    status: 'active',
  };
  const built = buildNewOrganisation({
    name,
    slug,
    defaultLocale: 'kk',
    admin: {
      email: admin.email,
      displayName: 'Dana (demo admin)',
      password: admin.password,
      locale: 'kk',
      kdf,
    },
  });
  const { organisationId } = await registerOrganisation({
    deps,
    organisation: built.body.organisation,
    admin: built.body.admin,
  });
  return { name, slug, admin, id: organisationId, publicKey: built.orgKeyPair.publicKey };
}
