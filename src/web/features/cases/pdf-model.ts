// The case file a member exports, built from what this tab already decrypted: every code
// with its label in the member's language, sealed text as opened, and real names only
// when the member ticked "include real names". Pure: no React, no network.
import type { Locale } from '../../../common/api/accounts.ts';
import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  CONTACT_CHANNELS,
  TASK_STATUSES,
} from '../../../common/cases/vocabulary.ts';
import { translate } from '../../../common/i18n/index.ts';
import { labelOf, type Term } from '../../../common/intake/vocabulary.ts';
import type { CaseFileModelInput, TimelineKind } from '../../../common/pdf/case-file-model.ts';
import {
  AUTHORITY_RESPONSES,
  INCIDENT_TYPES,
  INTERVENER_TYPES,
  INTERVENTION_STATUSES,
  INTERVENTION_TYPES,
  OBLASTS,
  PERSON_PERPETRATOR_TYPES,
  PERSON_ROLES,
  PRIORITIES,
  VIOLATION_STATUSES,
} from '../../../common/records/vocabulary.ts';
import type { CaseDetail, Contact, TimelineItem } from './api.ts';
import type { OpenedCase } from './decrypt.ts';
import type { Opened } from './sealing.ts';
import { TIMELINE_LABEL } from './timeline-labels.ts';

const PDF_KIND: Record<TimelineItem['kind'], TimelineKind> = {
  case_opened: 'case',
  incident: 'incident',
  intervention_submitted: 'intervention',
  intervention_response: 'authority_response',
  task_due: 'task',
  task_done: 'task',
  contact: 'contact',
  report_received: 'message',
  report_message: 'message',
  report_file: 'evidence',
};

type Precision = 'day' | 'month' | 'year' | 'unknown';
const precision = (value: string): Precision =>
  value === 'month' || value === 'year' || value === 'unknown' ? value : 'day';

const text = (opened: Opened<string> | null | undefined): string =>
  opened && opened.ok ? opened.value : '';

export interface CaseFileInput {
  detail: CaseDetail;
  opened: OpenedCase;
  /** Every contact of the case, with its note opened (or not). */
  contacts: { contact: Contact; note: Opened<string> | null }[];
  /** The merged timeline, each item with its sealed text opened (or not). */
  timeline: { item: TimelineItem; text: Opened<string> | null }[];
  locale: Locale;
  /** The member's display name, for the confidentiality line. */
  decryptedBy: string;
  includeNames: boolean;
}

export function buildCaseFileModel(input: CaseFileInput): CaseFileModelInput {
  const { detail, opened, locale } = input;
  const coded = (terms: readonly Term[], code: string) => ({
    code,
    label: labelOf(terms, code, locale),
  });
  const c = detail.case;
  return {
    case: {
      reference: c.reference,
      title: text(opened.title),
      goal: text(opened.goal),
      status: coded(CASE_STATUSES, c.status),
      ...(c.outcome && { outcome: coded(CASE_OUTCOMES, c.outcome) }),
      restricted: c.restricted,
    },
    decryptedBy: input.decryptedBy,
    namesIncluded: input.includeNames,
    people: detail.people.map((p) => ({
      codeName: p.codeName,
      ...(input.includeNames && text(opened.personNames.get(p.id)) !== ''
        ? { realName: text(opened.personNames.get(p.id)) }
        : {}),
      roles: p.roles.map((r) => coded(PERSON_ROLES, r)),
      ...(p.perpetratorType && {
        perpetratorType: coded(PERSON_PERPETRATOR_TYPES, p.perpetratorType),
      }),
    })),
    incidents: detail.incidents.map((i) => ({
      reference: i.reference,
      date: { date: i.incidentDate, precision: precision(i.datePrecision) },
      places: i.oblast ? [coded(OBLASTS, i.oblast)] : [],
      types: i.incidentTypes.map((x) => coded(INCIDENT_TYPES, x)),
      violationStatus: coded(VIOLATION_STATUSES, i.violationStatus),
      title: text(opened.incidentTitles.get(i.id)),
    })),
    interventions: detail.interventions.map((i) => ({
      type: coded(INTERVENTION_TYPES, i.interventionType),
      intervener: coded(INTERVENER_TYPES, i.intervenerType),
      submittedOn: i.submittedOn,
      responseOn: i.responseOn,
      authorityResponse: coded(AUTHORITY_RESPONSES, i.authorityResponse),
      status: coded(INTERVENTION_STATUSES, i.status),
      priority: coded(PRIORITIES, i.priority),
      title: text(opened.interventionTitles.get(i.id)),
    })),
    tasks: detail.tasks.map((task) => ({
      title: text(opened.tasks.get(task.id)?.title) || '—',
      due: task.dueAt ? task.dueAt.slice(0, 10) : null,
      status: coded(TASK_STATUSES, task.status),
    })),
    contacts: input.contacts.map(({ contact, note }) => ({
      date: contact.contactedAt.slice(0, 10),
      channel: coded(CONTACT_CHANNELS, contact.channel),
      note: text(note),
    })),
    timeline: input.timeline.map(({ item, text: opened }) => ({
      date: item.datePrecision === 'unknown' ? null : item.at.slice(0, 10),
      precision: item.datePrecision,
      kind: PDF_KIND[item.kind],
      title: translate(locale, TIMELINE_LABEL[item.kind]),
      detail: text(opened),
    })),
  };
}
