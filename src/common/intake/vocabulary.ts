// The coded answers of the public report form: stable codes (stored in the database and
// counted in statistics) with ru, kk and en labels. Informed by the ILGA-Europe / Come
// Forward victim-and-witness forms and the OSCE/ODIHR hate-crime categories, written for
// Kazakhstan. Codes never change meaning; a retired code stays here so old reports read.
import type { Locale } from '../api/accounts.ts';

export type Label = Readonly<Record<Locale, string>>;
export interface Term<C extends string = string> {
  readonly code: C;
  readonly label: Label;
}

export const term = <C extends string>(code: C, en: string, ru: string, kk: string): Term<C> => ({
  code,
  label: { en, ru, kk },
});

export const REPORTER_ROLES = [
  term('victim', 'It happened to me', 'Это случилось со мной', 'Бұл менің басымнан өтті'),
  term('witness', 'I saw it happen', 'Я был(а) свидетелем', 'Мен куә болдым'),
  term(
    'on_behalf',
    'I am reporting for someone else',
    'Я сообщаю за другого человека',
    'Мен басқа адам үшін хабарлаймын',
  ),
] as const;

export const INCIDENT_TYPES = [
  term('physical_violence', 'Physical violence', 'Физическое насилие', 'Физикалық зорлық'),
  term('sexual_violence', 'Sexual violence', 'Сексуальное насилие', 'Жыныстық зорлық'),
  term('threats', 'Threats', 'Угрозы', 'Қорқыту'),
  term('harassment', 'Harassment', 'Преследование, травля', 'Қудалау'),
  term(
    'family_confinement',
    'Confinement or forced "treatment" by family',
    'Удержание или принудительное «лечение» семьёй',
    'Отбасының ұстап отыруы немесе мәжбүрлі «емдеуі»',
  ),
  term('forced_marriage', 'Forced marriage', 'Принудительный брак', 'Мәжбүрлі неке'),
  term('outing_blackmail', 'Outing or blackmail', 'Аутинг или шантаж', 'Аутинг немесе бопсалау'),
  term(
    'online_hate',
    'Online hate speech',
    'Язык вражды в интернете',
    'Интернеттегі өшпенділік сөзі',
  ),
  term(
    'discrimination_work',
    'Discrimination at work',
    'Дискриминация на работе',
    'Жұмыстағы кемсітушілік',
  ),
  term(
    'discrimination_school',
    'Discrimination at school or university',
    'Дискриминация в школе или вузе',
    'Мектептегі немесе жоғары оқу орнындағы кемсітушілік',
  ),
  term(
    'discrimination_housing',
    'Discrimination in housing',
    'Дискриминация в жилье',
    'Тұрғын үйдегі кемсітушілік',
  ),
  term(
    'discrimination_health',
    'Discrimination in health care',
    'Дискриминация в медицине',
    'Денсаулық сақтаудағы кемсітушілік',
  ),
  term('police_abuse', 'Abuse by the police', 'Насилие со стороны полиции', 'Полицияның зорлығы'),
  term(
    'police_inaction',
    'The police refused to act',
    'Полиция отказалась действовать',
    'Полиция әрекет етуден бас тартты',
  ),
  term('property_damage', 'Damage to property', 'Порча имущества', 'Мүлікке зиян келтіру'),
  term('other', 'Something else', 'Другое', 'Басқа'),
] as const;

export const DATE_PRECISIONS = [
  term('day', 'I know the exact day', 'Знаю точный день', 'Нақты күнін білемін'),
  term('month', 'I know the month', 'Знаю месяц', 'Айын білемін'),
  term('year', 'I know the year', 'Знаю год', 'Жылын білемін'),
  term('unknown', "I don't remember", 'Не помню', 'Есімде жоқ'),
] as const;

export const OBLASTS = [
  term('astana', 'Astana (city)', 'Астана (город)', 'Астана (қала)'),
  term('almaty_city', 'Almaty (city)', 'Алматы (город)', 'Алматы (қала)'),
  term('shymkent', 'Shymkent (city)', 'Шымкент (город)', 'Шымкент (қала)'),
  term('abai', 'Abai Region', 'Абайская область', 'Абай облысы'),
  term('akmola', 'Akmola Region', 'Акмолинская область', 'Ақмола облысы'),
  term('aktobe', 'Aktobe Region', 'Актюбинская область', 'Ақтөбе облысы'),
  term('almaty_region', 'Almaty Region', 'Алматинская область', 'Алматы облысы'),
  term('atyrau', 'Atyrau Region', 'Атырауская область', 'Атырау облысы'),
  term(
    'east_kazakhstan',
    'East Kazakhstan Region',
    'Восточно-Казахстанская область',
    'Шығыс Қазақстан облысы',
  ),
  term('jambyl', 'Jambyl Region', 'Жамбылская область', 'Жамбыл облысы'),
  term('jetisu', 'Jetisu Region', 'Область Жетісу', 'Жетісу облысы'),
  term('karaganda', 'Karaganda Region', 'Карагандинская область', 'Қарағанды облысы'),
  term('kostanay', 'Kostanay Region', 'Костанайская область', 'Қостанай облысы'),
  term('kyzylorda', 'Kyzylorda Region', 'Кызылординская область', 'Қызылорда облысы'),
  term('mangystau', 'Mangystau Region', 'Мангистауская область', 'Маңғыстау облысы'),
  term(
    'north_kazakhstan',
    'North Kazakhstan Region',
    'Северо-Казахстанская область',
    'Солтүстік Қазақстан облысы',
  ),
  term('pavlodar', 'Pavlodar Region', 'Павлодарская область', 'Павлодар облысы'),
  term('turkistan', 'Turkistan Region', 'Туркестанская область', 'Түркістан облысы'),
  term('ulytau', 'Ulytau Region', 'Область Ұлытау', 'Ұлытау облысы'),
  term(
    'west_kazakhstan',
    'West Kazakhstan Region',
    'Западно-Казахстанская область',
    'Батыс Қазақстан облысы',
  ),
  term('outside_kazakhstan', 'Outside Kazakhstan', 'За пределами Казахстана', 'Қазақстаннан тыс'),
] as const;

export const PLACE_TYPES = [
  term('home', 'Home (mine or my family’s)', 'Дом (мой или семьи)', 'Үй (менің немесе отбасымның)'),
  term('street', 'Street or public place', 'Улица, общественное место', 'Көше, қоғамдық орын'),
  term(
    'transport',
    'Public transport, taxi',
    'Общественный транспорт, такси',
    'Қоғамдық көлік, такси',
  ),
  term('workplace', 'Workplace', 'Место работы', 'Жұмыс орны'),
  term('school', 'School or university', 'Школа или вуз', 'Мектеп немесе ЖОО'),
  term('police_station', 'Police station', 'Отделение полиции', 'Полиция бөлімшесі'),
  term('detention', 'Other place of detention', 'Другое место содержания', 'Басқа ұстау орны'),
  term('health_facility', 'Hospital, clinic', 'Больница, поликлиника', 'Аурухана, емхана'),
  term('bar_club', 'Bar, club, café', 'Бар, клуб, кафе', 'Бар, клуб, кафе'),
  term(
    'dating_meeting',
    'A meeting arranged through a dating app',
    'Встреча через приложение знакомств',
    'Танысу қосымшасы арқылы кездесу',
  ),
  term('online', 'Online', 'В интернете', 'Интернетте'),
  term('other', 'Somewhere else', 'Другое место', 'Басқа орын'),
] as const;

export const ONLINE_PLATFORMS = [
  term('instagram', 'Instagram', 'Instagram', 'Instagram'),
  term('tiktok', 'TikTok', 'TikTok', 'TikTok'),
  term('telegram', 'Telegram', 'Telegram', 'Telegram'),
  term('whatsapp', 'WhatsApp', 'WhatsApp', 'WhatsApp'),
  term('youtube', 'YouTube', 'YouTube', 'YouTube'),
  term('facebook', 'Facebook', 'Facebook', 'Facebook'),
  term('vk', 'VK', 'ВКонтакте', 'ВКонтакте'),
  term('x', 'X (Twitter)', 'X (Twitter)', 'X (Twitter)'),
  term('threads', 'Threads', 'Threads', 'Threads'),
  term('dating_app', 'A dating app', 'Приложение знакомств', 'Танысу қосымшасы'),
  term(
    'news_site',
    'A news site or its comments',
    'Новостной сайт или комментарии',
    'Жаңалық сайты немесе пікірлер',
  ),
  term('other', 'Another platform', 'Другая платформа', 'Басқа платформа'),
] as const;

export const PERPETRATOR_TYPES = [
  term('family_member', 'A family member', 'Член семьи', 'Отбасы мүшесі'),
  term(
    'partner',
    'A partner or ex-partner',
    'Партнёр или бывший партнёр',
    'Серіктес немесе бұрынғы серіктес',
  ),
  term('police', 'A police officer', 'Сотрудник полиции', 'Полиция қызметкері'),
  term('official', 'Another official', 'Другой представитель власти', 'Басқа лауазымды тұлға'),
  term('stranger', 'Stranger(s)', 'Незнакомые люди', 'Бейтаныс адамдар'),
  term('acquaintance', 'An acquaintance', 'Знакомый', 'Таныс адам'),
  term('neighbour', 'A neighbour', 'Сосед', 'Көрші'),
  term(
    'employer_colleague',
    'An employer or colleague',
    'Работодатель или коллега',
    'Жұмыс беруші немесе әріптес',
  ),
  term(
    'school',
    'School or university staff or students',
    'Сотрудники или учащиеся школы, вуза',
    'Мектеп, ЖОО қызметкерлері немесе оқушылары',
  ),
  term(
    'health_worker',
    'A doctor or health worker',
    'Врач или медработник',
    'Дәрігер немесе медқызметкер',
  ),
  term(
    'online_accounts',
    'Online account(s)',
    'Аккаунт(ы) в интернете',
    'Интернеттегі аккаунт(тар)',
  ),
  term('unknown', "I don't know", 'Не знаю', 'Білмеймін'),
] as const;

export const BIAS_INDICATORS = [
  term(
    'words',
    'Words or slurs they used',
    'Слова или оскорбления, которые звучали',
    'Айтылған сөздер немесе балағат',
  ),
  term(
    'symbols',
    'Symbols, gestures or graffiti',
    'Символы, жесты, надписи',
    'Таңбалар, ым-ишара, жазулар',
  ),
  term(
    'place',
    'The place (e.g. near an LGBTIQ venue or event)',
    'Место (например, рядом с ЛГБТИК-местом или событием)',
    'Орын (мысалы, ЛГБТИК орнының немесе шарасының жанында)',
  ),
  term(
    'earlier_threats',
    'Earlier threats or incidents',
    'Прежние угрозы или случаи',
    'Бұрынғы қорқытулар немесе оқиғалар',
  ),
  term(
    'appearance',
    'Because of how I or they look',
    'Из-за внешности',
    'Сыртқы келбетке байланысты',
  ),
  term(
    'outing',
    'It followed someone learning about orientation or identity',
    'Случилось после того, как узнали об ориентации или идентичности',
    'Бағдары немесе болмысы туралы білгеннен кейін болды',
  ),
  term(
    'dating_setup',
    'A trap set up through a dating app',
    'Ловушка через приложение знакомств',
    'Танысу қосымшасы арқылы құрылған тұзақ',
  ),
  term(
    'perpetrator_said',
    'The perpetrator said so',
    'Нападавший сам это сказал',
    'Қылмыскер өзі солай айтты',
  ),
  term(
    'no_other_reason',
    'There is no other explanation',
    'Другого объяснения нет',
    'Басқа түсіндірме жоқ',
  ),
  term('other', 'Something else', 'Другое', 'Басқа'),
] as const;

export const POLICE_REPORTED = [
  term('yes', 'Yes', 'Да', 'Иә'),
  term('no', 'No', 'Нет', 'Жоқ'),
] as const;

export const POLICE_RESPONSES = [
  term(
    'refused_to_register',
    'Refused to register the complaint',
    'Отказались регистрировать заявление',
    'Арызды тіркеуден бас тартты',
  ),
  term(
    'registered_no_action',
    'Registered it but did nothing',
    'Зарегистрировали, но ничего не сделали',
    'Тіркеді, бірақ ештеңе істемеді',
  ),
  term('investigating', 'Opened an investigation', 'Начали расследование', 'Тергеу бастады'),
  term(
    'hostile',
    'Were hostile, mocked or threatened',
    'Были враждебны, насмехались или угрожали',
    'Дұшпандық танытты, мазақтады немесе қорқытты',
  ),
  term(
    'outed',
    'Told my family or others about me',
    'Рассказали обо мне семье или другим',
    'Мен туралы отбасыма немесе басқаларға айтты',
  ),
  term(
    'pressured_to_withdraw',
    'Pressured me to withdraw it',
    'Давили, чтобы я забрал(а) заявление',
    'Арызды қайтарып алуға қысым жасады',
  ),
  term('helped', 'Helped', 'Помогли', 'Көмектесті'),
  term('dont_know', "I don't know yet", 'Пока не знаю', 'Әзірге білмеймін'),
] as const;

export const NOT_REPORTED_REASONS = [
  term('fear_outing', 'Fear of being outed', 'Страх аутинга', 'Аутингтен қорқу'),
  term(
    'distrust',
    'I do not trust them to help',
    'Не верю, что помогут',
    'Көмектесетініне сенбеймін',
  ),
  term('fear_police', 'Fear of the police', 'Страх перед полицией', 'Полициядан қорқу'),
  term(
    'did_not_know_how',
    'I did not know how',
    'Не знал(а), как это сделать',
    'Қалай істеу керегін білмедім',
  ),
  term('fear_family', 'Fear of my family', 'Страх перед семьёй', 'Отбасымнан қорқу'),
  term('other', 'Another reason', 'Другая причина', 'Басқа себеп'),
] as const;

export const WISHES = [
  term('documentation_only', 'Only document it', 'Только задокументировать', 'Тек құжаттау'),
  term(
    'statistics',
    'Count it in anonymous statistics',
    'Учесть в анонимной статистике',
    'Анонимді статистикаға енгізу',
  ),
  term('contact_me', 'Contact me', 'Связаться со мной', 'Менімен байланысу'),
  term('legal_help', 'Legal help', 'Юридическая помощь', 'Заң көмегі'),
  term('psychological_help', 'Psychological help', 'Психологическая помощь', 'Психологиялық көмек'),
  term('medical_help', 'Medical help', 'Медицинская помощь', 'Медициналық көмек'),
  term('shelter', 'A safe place to stay', 'Безопасное жильё (шелтер)', 'Қауіпсіз баспана'),
  term(
    'referral',
    'Referral to another organisation',
    'Направить в другую организацию',
    'Басқа ұйымға жолдау',
  ),
] as const;

type CodeOf<T extends readonly Term[]> = T[number]['code'];
export type ReporterRole = CodeOf<typeof REPORTER_ROLES>;
export type IncidentType = CodeOf<typeof INCIDENT_TYPES>;
export type DatePrecision = CodeOf<typeof DATE_PRECISIONS>;
export type Oblast = CodeOf<typeof OBLASTS>;
export type PlaceType = CodeOf<typeof PLACE_TYPES>;
export type OnlinePlatform = CodeOf<typeof ONLINE_PLATFORMS>;
export type PerpetratorType = CodeOf<typeof PERPETRATOR_TYPES>;
export type BiasIndicator = CodeOf<typeof BIAS_INDICATORS>;
export type PoliceReported = CodeOf<typeof POLICE_REPORTED>;
export type PoliceResponse = CodeOf<typeof POLICE_RESPONSES>;
export type NotReportedReason = CodeOf<typeof NOT_REPORTED_REASONS>;
export type Wish = CodeOf<typeof WISHES>;

/** Every vocabulary of the report form, by the name the form and the API use. */
export const INTAKE_VOCABULARIES = {
  reporterRole: REPORTER_ROLES,
  incidentTypes: INCIDENT_TYPES,
  datePrecision: DATE_PRECISIONS,
  oblast: OBLASTS,
  placeType: PLACE_TYPES,
  onlinePlatform: ONLINE_PLATFORMS,
  perpetratorTypes: PERPETRATOR_TYPES,
  biasIndicators: BIAS_INDICATORS,
  reportedToPolice: POLICE_REPORTED,
  policeResponse: POLICE_RESPONSES,
  notReportedReasons: NOT_REPORTED_REASONS,
  wishes: WISHES,
} as const;
export type IntakeVocabularyName = keyof typeof INTAKE_VOCABULARIES;

export function codesOf<T extends readonly Term[]>(terms: T): [CodeOf<T>, ...CodeOf<T>[]] {
  return terms.map((t) => t.code) as [CodeOf<T>, ...CodeOf<T>[]];
}

/** The label of a code in a language; an unknown (retired) code shows as itself. */
export function labelOf(terms: readonly Term[], code: string, locale: Locale): string {
  return terms.find((t) => t.code === code)?.label[locale] ?? code;
}
