// The words for each kind of timeline item (catalogue keys, checked at compile time).
import type { TIMELINE_KINDS } from '../../../common/api/cases.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';

export const TIMELINE_LABEL: Record<(typeof TIMELINE_KINDS)[number], MessageKey> = {
  case_opened: 'cases.timeline.case_opened',
  incident: 'cases.timeline.incident',
  intervention_submitted: 'cases.timeline.intervention_submitted',
  intervention_response: 'cases.timeline.intervention_response',
  task_due: 'cases.timeline.task_due',
  task_done: 'cases.timeline.task_done',
  contact: 'cases.timeline.contact',
  report_received: 'cases.timeline.report_received',
  report_message: 'cases.timeline.report_message',
  report_file: 'cases.timeline.report_file',
};
