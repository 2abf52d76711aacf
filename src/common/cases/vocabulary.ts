// The coded values of cases: status, outcome, how a contact happened, what a consent
// covers, where a referral and a task stand. Stable codes (stored in the database) with
// en, ru and kk labels. Codes never change meaning; a retired code stays so old cases read.
import { codesOf, type Term } from '../intake/vocabulary.ts';

type CodeOf<T extends readonly Term[]> = T[number]['code'];

const term = <C extends string>(code: C, en: string, ru: string, kk: string): Term<C> => ({
  code,
  label: { en, ru, kk },
});

/** The workflow of a case; `closed` always carries an outcome. */
export const CASE_STATUSES = [
  term('open', 'Open', 'Открыто', 'Ашық'),
  term('active', 'In progress', 'В работе', 'Жұмыста'),
  term('urgent', 'Urgent', 'Срочно', 'Шұғыл'),
  term('on_hold', 'On hold', 'Приостановлено', 'Тоқтатылған'),
  term('closed', 'Closed', 'Закрыто', 'Жабылған'),
] as const;

/** Why a case was closed. */
export const CASE_OUTCOMES = [
  term('person_safe', 'The person is safe', 'Человек в безопасности', 'Адам қауіпсіз'),
  term(
    'legal_success',
    'Legal success (complaint upheld, case won)',
    'Юридический успех (жалоба удовлетворена, дело выиграно)',
    'Заңдық табыс (шағым қанағаттандырылды, сотта жеңіс)',
  ),
  term(
    'legal_loss',
    'Legal loss (complaint refused, case lost)',
    'Юридическая неудача (в жалобе отказано, дело проиграно)',
    'Заңдық сәтсіздік (шағымнан бас тартылды, сотта жеңіліс)',
  ),
  term(
    'partial_success',
    'Partly achieved',
    'Цель достигнута частично',
    'Мақсатқа ішінара қол жеткізілді',
  ),
  term(
    'referred_elsewhere',
    'Referred to another organisation',
    'Передано в другую организацию',
    'Басқа ұйымға жолданды',
  ),
  term(
    'lost_contact',
    'Contact with the person was lost',
    'Связь с человеком потеряна',
    'Адаммен байланыс үзілді',
  ),
  term(
    'person_withdrew',
    'The person withdrew',
    'Человек отказался от помощи',
    'Адам көмектен бас тартты',
  ),
  term(
    'left_country',
    'The person left the country',
    'Человек уехал из страны',
    'Адам елден кетті',
  ),
  term('duplicate', 'Duplicate of another case', 'Дубликат другого дела', 'Басқа істің көшірмесі'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** How a contact with the person at the centre of a case happened. */
export const CONTACT_CHANNELS = [
  term('in_person', 'In person', 'Лично', 'Жеке кездесу'),
  term('phone', 'Phone call', 'Телефонный звонок', 'Телефон қоңырауы'),
  term('video', 'Video call', 'Видеозвонок', 'Бейне қоңырау'),
  term('messenger', 'Messenger', 'Мессенджер', 'Мессенджер'),
  term('sms', 'SMS', 'СМС', 'SMS'),
  term('email', 'E-mail', 'Электронная почта', 'Электрондық пошта'),
  term(
    'through_someone',
    'Through a trusted person',
    'Через доверенное лицо',
    'Сенімді адам арқылы',
  ),
  term(
    'report_message',
    'Message through the report form',
    'Сообщение через форму обращения',
    'Өтініш нысаны арқылы хабарлама',
  ),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** What a consent lets the organisation share with a partner; `case` is always included. */
export const CONSENT_SCOPES = [
  term('case', 'The case', 'Дело', 'Іс'),
  term('incidents', 'Its incidents', 'Его инциденты', 'Оның оқиғалары'),
  term('people', 'The people in it', 'Люди в деле', 'Істегі адамдар'),
  term('interventions', 'Its interventions', 'Его вмешательства', 'Оның араласулары'),
  term(
    'reports',
    'The reports it came from (messages and files)',
    'Обращения, из которых оно возникло (сообщения и файлы)',
    'Ол туындаған өтініштер (хабарламалар мен файлдар)',
  ),
] as const;

/** How consent was given. */
export const CONSENT_SOURCES = [
  term(
    'recorded',
    'Recorded by a member (how it was given is noted)',
    'Записано сотрудником (указано, как оно дано)',
    'Қызметкер жазып алды (қалай берілгені көрсетілген)',
  ),
  term(
    'report',
    'Asked for on the report form',
    'Запрошено в форме обращения',
    'Өтініш нысанында сұралды',
  ),
] as const;

export const REFERRAL_STATUSES = [
  term('pending', 'Awaiting the partner', 'Ожидает ответа партнёра', 'Серіктестің жауабын күтуде'),
  term('accepted', 'Accepted', 'Принято', 'Қабылданды'),
  term('declined', 'Declined', 'Отклонено', 'Қабылданбады'),
  term('withdrawn', 'Withdrawn', 'Отозвано', 'Кері қайтарылды'),
] as const;

export const TASK_STATUSES = [
  term('open', 'To do', 'К выполнению', 'Орындалуы тиіс'),
  term('done', 'Done', 'Выполнено', 'Орындалды'),
  term('cancelled', 'Cancelled', 'Отменено', 'Болдырылмады'),
] as const;

export type CaseStatus = CodeOf<typeof CASE_STATUSES>;
export type CaseOutcome = CodeOf<typeof CASE_OUTCOMES>;
export type ContactChannel = CodeOf<typeof CONTACT_CHANNELS>;
export type ConsentScope = CodeOf<typeof CONSENT_SCOPES>;
export type ConsentSource = CodeOf<typeof CONSENT_SOURCES>;
export type ReferralStatus = CodeOf<typeof REFERRAL_STATUSES>;
export type TaskStatus = CodeOf<typeof TASK_STATUSES>;

export const caseStatusCodes = codesOf(CASE_STATUSES);
export const caseOutcomeCodes = codesOf(CASE_OUTCOMES);
export const contactChannelCodes = codesOf(CONTACT_CHANNELS);
export const consentScopeCodes = codesOf(CONSENT_SCOPES);
export const consentSourceCodes = codesOf(CONSENT_SOURCES);
export const referralStatusCodes = codesOf(REFERRAL_STATUSES);
export const taskStatusCodes = codesOf(TASK_STATUSES);

/** Every vocabulary of cases, by the name the API and the screens use. */
export const CASE_VOCABULARIES = {
  caseStatus: CASE_STATUSES,
  caseOutcome: CASE_OUTCOMES,
  contactChannel: CONTACT_CHANNELS,
  consentScope: CONSENT_SCOPES,
  consentSource: CONSENT_SOURCES,
  referralStatus: REFERRAL_STATUSES,
  taskStatus: TASK_STATUSES,
} as const;
export type CaseVocabularyName = keyof typeof CASE_VOCABULARIES;

/** Days without contact before an alert, when neither the case nor the organisation says. */
export const DEFAULT_CONTACT_ALERT_DAYS = 7;
