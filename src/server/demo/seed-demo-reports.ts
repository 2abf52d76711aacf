// Invented reports for the demo, in each language, sent through the same use cases as the
// public form (the server-side encryption path), with a photo, a thread of messages and
// every triage state, so the inbox, a report page and /return all have something to show.
// Every person, place detail and event here is made up.
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Locale } from '../../common/api/accounts.ts';
import { sealTo } from '../../common/crypto/envelope.ts';
import { toB64 } from '../../common/crypto/encoding.ts';
import type { ReportAnswers, ReportDetails, ReportStatus } from '../../common/intake/report.ts';
import type { Actor } from '../../common/policy/permissions.ts';
import { storeUploadedFile } from '../files/store-upload.ts';
import type { IntakeDeps } from '../modules/intake/intake.deps.ts';
import { sendReporterMessage } from '../modules/intake/send-reporter-message.ts';
import { assignReport } from '../modules/intake/staff/assign-report.ts';
import { changeReportStatus } from '../modules/intake/staff/change-report-status.ts';
import { replyToReporter } from '../modules/intake/staff/reply-to-reporter.ts';
import { submitReport } from '../modules/intake/submit-report.ts';

export interface DemoReport {
  id: string;
  locale: Locale;
  reference: string;
  codename: string;
  status: ReportStatus;
}

interface DemoReportSpec {
  locale: Locale;
  answers: Partial<ReportAnswers> & Pick<ReportAnswers, 'incidentTypes'>;
  details: ReportDetails;
  photo?: boolean;
  status?: Exclude<ReportStatus, 'new'>;
  assign?: boolean;
  /** Staff reply, then the reporter's answer. */
  thread?: [string, string?];
}

const NO_ANSWERS: Omit<ReportAnswers, 'incidentTypes'> = {
  reporterRole: null,
  datePrecision: 'unknown',
  incidentDate: null,
  oblast: null,
  city: null,
  placeType: null,
  onlinePlatform: null,
  perpetratorTypes: [],
  biasIndicators: [],
  reportedToPolice: null,
  policeResponse: null,
  notReportedReasons: [],
  wishes: [],
};

const REPORTS: DemoReportSpec[] = [
  {
    locale: 'ru',
    answers: {
      reporterRole: 'on_behalf',
      incidentTypes: ['family_confinement', 'threats'],
      datePrecision: 'month',
      incidentDate: '2026-09-01',
      oblast: 'almaty_city',
      city: 'Алматы',
      placeType: 'home',
      perpetratorTypes: ['family_member'],
      biasIndicators: ['outing', 'words'],
      reportedToPolice: 'yes',
      policeResponse: 'refused_to_register',
      wishes: ['contact_me', 'legal_help', 'shelter', 'referral'],
    },
    details: {
      narrative:
        '[Выдуманный пример] Мой друг (демо-персонаж) не выходит на связь третью неделю. Родственники узнали о нём и забрали его телефон, говорят, что «вылечат». Мне написал его сосед.',
      contact: 'Signal: @demo_invented_contact, писать после 19:00',
      policeDetails: 'Участковый сказал, что это «семейное дело», и не принял заявление.',
    },
    status: 'accepted',
    assign: true,
    thread: [
      'Здравствуйте. Спасибо, что написали. С вами свяжется наш юрист. Можете ли вы уточнить район?',
      'Да, это Алатауский район. Спасибо, что ответили.',
    ],
  },
  {
    locale: 'kk',
    answers: {
      reporterRole: 'witness',
      incidentTypes: ['physical_violence'],
      datePrecision: 'day',
      incidentDate: '2026-10-12',
      oblast: 'shymkent',
      city: 'Шымкент',
      placeType: 'street',
      perpetratorTypes: ['stranger'],
      biasIndicators: ['words', 'appearance'],
      reportedToPolice: 'no',
      notReportedReasons: ['fear_police', 'fear_outing'],
      wishes: ['statistics', 'documentation_only'],
    },
    status: 'in_progress',
    details: {
      narrative:
        '[Ойдан шығарылған мысал] Кешке аялдамада үш бейтаныс адам жас жігітті сыртқы келбеті үшін соқты. Мен оқиғаны көрдім, суретке түсірдім.',
      biasDetails: 'Олар балағат сөздер айтып, айқайлады.',
    },
    photo: true,
  },
  {
    locale: 'en',
    answers: {
      reporterRole: 'victim',
      incidentTypes: ['online_hate', 'threats'],
      datePrecision: 'year',
      incidentDate: '2026-01-01',
      placeType: 'online',
      onlinePlatform: 'instagram',
      perpetratorTypes: ['online_accounts'],
      biasIndicators: ['words', 'earlier_threats'],
      wishes: ['documentation_only', 'statistics'],
    },
    details: {
      narrative:
        '[Invented example] After a video of our (fictional) community picnic went round, dozens of accounts posted threats under it. Please document it; do not contact me.',
    },
    status: 'accepted',
    assign: true,
  },
  {
    locale: 'ru',
    answers: {
      reporterRole: 'victim',
      incidentTypes: ['outing_blackmail'],
      datePrecision: 'month',
      incidentDate: '2026-10-01',
      oblast: 'karaganda',
      placeType: 'dating_meeting',
      onlinePlatform: 'dating_app',
      perpetratorTypes: ['acquaintance'],
      biasIndicators: ['dating_setup'],
      reportedToPolice: 'no',
      notReportedReasons: ['fear_outing', 'distrust'],
      wishes: ['contact_me', 'psychological_help'],
    },
    details: {
      narrative:
        '[Выдуманный пример] Человек из приложения знакомств требует деньги, иначе отправит переписку моим родителям.',
      contact: 'Telegram (демо): @invented_handle',
    },
  },
  {
    locale: 'kk',
    answers: {
      reporterRole: 'victim',
      incidentTypes: ['discrimination_work'],
      oblast: 'astana',
      placeType: 'workplace',
      perpetratorTypes: ['employer_colleague'],
      wishes: ['legal_help'],
    },
    details: {
      narrative:
        '[Ойдан шығарылған мысал] Жұмыс беруші менің кім екенімді біліп, мені жұмыстан шығарамын деп қорқытты.',
    },
    status: 'closed',
  },
  {
    locale: 'en',
    answers: { incidentTypes: ['other'] },
    details: { narrative: '[Invented example] buy cheap followers now' },
    status: 'spam',
  },
];

async function demoPhoto(): Promise<Uint8Array> {
  // An invented "photo": a coloured block, with made-up GPS and camera tags in its EXIF,
  // which the pipeline removes from the copy staff see.
  return sharp({ create: { width: 640, height: 420, channels: 3, background: '#6b8fb5' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'DemoCam', Model: 'Invented 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 15/1 0/1' },
    })
    .toBuffer()
    .then((b) => new Uint8Array(b));
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export async function seedDemoReports(options: {
  deps: IntakeDeps;
  organisation: { id: string; publicKey: Uint8Array };
  /** Who triages and replies. */
  caseWorker: Actor;
}): Promise<DemoReport[]> {
  const { deps, organisation, caseWorker } = options;
  const out: DemoReport[] = [];
  for (const spec of REPORTS) {
    const files = spec.photo
      ? await storeUploadedFile({
          blobs: deps.blobs,
          organisationPublicKey: organisation.publicKey,
          source: once(await demoPhoto()),
          fileName: 'IMG_0412.jpg',
          declaredType: 'image/jpeg',
          keepMetadata: false,
          maxBytes: deps.config.intake.maxFileBytes,
        })
      : [];
    const submitted = await submitReport({
      deps,
      organisation,
      locale: spec.locale,
      answers: { ...NO_ANSWERS, ...spec.answers },
      content: { encryptedBy: 'server', details: spec.details },
      files,
    });
    const reportId = submitted.reportId;
    if (spec.assign) {
      await assignReport({ deps, actor: caseWorker, reportId, memberId: caseWorker.memberId });
    }
    if (spec.thread) {
      const [reply, answer] = spec.thread;
      const { rows } = await sql<{ reporter_public_key: Uint8Array }>`
        select reporter_public_key from reports where id = ${reportId}`.execute(deps.db);
      const reporterKey = rows[0]?.reporter_public_key;
      if (!reporterKey) throw new Error('the demo report was not stored');
      await replyToReporter({
        deps,
        actor: caseWorker,
        reportId,
        reply: {
          sealedForOrg: toB64(sealTo(organisation.publicKey, reply)),
          sealedForReporter: toB64(sealTo(new Uint8Array(reporterKey), reply)),
        },
      });
      if (answer) {
        await sendReporterMessage({
          deps,
          reportId,
          content: { encryptedBy: 'server', text: answer },
          files: [],
        });
      }
    }
    if (spec.status && spec.status !== 'in_progress') {
      await changeReportStatus({
        deps,
        actor: caseWorker,
        reportId,
        change: { status: spec.status },
      });
    } else if (spec.status === 'in_progress' && !spec.thread) {
      await changeReportStatus({
        deps,
        actor: caseWorker,
        reportId,
        change: { status: spec.status },
      });
    }
    out.push({
      id: reportId,
      locale: spec.locale,
      reference: submitted.reference,
      codename: submitted.codename,
      status: spec.status ?? 'new',
    });
  }
  return out;
}
