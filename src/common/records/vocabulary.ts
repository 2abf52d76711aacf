// The coded fields of records (incidents, acts, people, interventions, chains of events):
// stable codes stored in the database and counted in statistics, with en, ru and kk labels.
// Informed by the HURIDOCS Events Standard Formats micro-thesauri (act types, involvement,
// methods, consequences, intervention types, source reliability) and the OSCE/ODIHR
// hate-crime categories, written for LGBTIQ people in Kazakhstan: the family sphere,
// forced "treatment", forced marriage, outing and blackmail, police refusing to register a
// complaint. Codes never change meaning; a retired code stays here so old records read.
// Lists the report form already has (oblasts, place types, ...) are imported, not copied,
// so a report's answers carry over to an incident unchanged.
import {
  BIAS_INDICATORS,
  DATE_PRECISIONS,
  INCIDENT_TYPES,
  OBLASTS,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  term,
  type Term,
} from '../intake/vocabulary.ts';

export type { Label, Term } from '../intake/vocabulary.ts';
export {
  BIAS_INDICATORS,
  DATE_PRECISIONS,
  INCIDENT_TYPES,
  OBLASTS,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
};

// ---- incidents -------------------------------------------------------------------------

/** What an incident's date says: the day, only the month, only the year, or nothing. */
export const RECORD_DATE_PRECISIONS = [
  term('day', 'Exact day', 'Точный день', 'Нақты күн'),
  term('month', 'Month only', 'Только месяц', 'Тек ай'),
  term('year', 'Year only', 'Только год', 'Тек жыл'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/** OSCE/ODIHR bias motivation of a hate incident, as it concerns this platform's people. */
export const BIAS_MOTIVATIONS = [
  term('sexual_orientation', 'Sexual orientation', 'Сексуальная ориентация', 'Жыныстық бағдар'),
  term('gender_identity', 'Gender identity', 'Гендерная идентичность', 'Гендерлік сәйкестік'),
  term(
    'gender_expression',
    'Gender expression',
    'Гендерное самовыражение',
    'Гендерлік өзін-өзі көрсету',
  ),
  term(
    'sex_characteristics',
    'Sex characteristics (intersex)',
    'Половые характеристики (интерсекс)',
    'Жыныстық белгілер (интерсекс)',
  ),
  term('sex_gender', 'Sex or gender', 'Пол или гендер', 'Жыныс немесе гендер'),
  term('hiv_status', 'HIV status', 'ВИЧ-статус', 'АИТВ мәртебесі'),
  term(
    'human_rights_work',
    'Human rights or community work',
    'Правозащитная или общественная работа',
    'Құқық қорғау немесе қоғамдық жұмыс',
  ),
  term(
    'ethnicity',
    'Ethnicity or nationality',
    'Этническая принадлежность или национальность',
    'Этникалық тегі немесе ұлты',
  ),
  term('religion', 'Religion or belief', 'Религия или убеждения', 'Дін немесе наным'),
  term('disability', 'Disability', 'Инвалидность', 'Мүгедектік'),
  term('other', 'Other', 'Другое', 'Басқа'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/** ODIHR incident categories. `crime` says whether the category is a crime in ODIHR's sense. */
export const ODIHR_CATEGORIES = [
  {
    ...term('violent_attack', 'Violent attack', 'Насильственное нападение', 'Зорлықпен шабуыл'),
    crime: true,
  },
  { ...term('threat', 'Threat', 'Угроза', 'Қорқыту'), crime: true },
  {
    ...term('attack_on_property', 'Attack on property', 'Нападение на имущество', 'Мүлікке шабуыл'),
    crime: true,
  },
  {
    ...term('discrimination', 'Discrimination', 'Дискриминация', 'Кемсітушілік'),
    crime: false,
  },
  {
    ...term('hate_speech', 'Hate speech', 'Язык вражды', 'Өшпенділік сөзі'),
    crime: false,
  },
  { ...term('other', 'Other', 'Другое', 'Басқа'), crime: null },
] as const satisfies readonly (Term & { crime: boolean | null })[];

export const CRIME_STATUSES = [
  term('crime', 'Hate crime', 'Преступление на почве ненависти', 'Өшпенділік қылмысы'),
  term(
    'non_crime',
    'Non-crime hate incident',
    'Инцидент ненависти, не являющийся преступлением',
    'Қылмыс болып табылмайтын өшпенділік оқиғасы',
  ),
  term('undetermined', 'Not yet determined', 'Ещё не определено', 'Әлі анықталмаған'),
] as const;

export const VIOLATION_STATUSES = [
  term('confirmed', 'Confirmed', 'Подтверждено', 'Расталған'),
  term('likely', 'Likely', 'Вероятно', 'Ықтимал'),
  term('possible', 'Possible', 'Возможно', 'Мүмкін'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

// ---- acts ------------------------------------------------------------------------------

export const ACT_TYPES = [
  term('beating', 'Beating', 'Избиение', 'Ұрып-соғу'),
  term(
    'torture',
    'Torture or ill-treatment',
    'Пытки или жестокое обращение',
    'Азаптау немесе қатыгездік',
  ),
  term('sexual_assault', 'Sexual assault', 'Сексуальное насилие', 'Жыныстық зорлық'),
  term('rape', 'Rape', 'Изнасилование', 'Зорлау'),
  term('killing', 'Killing', 'Убийство', 'Кісі өлтіру'),
  term('attempted_killing', 'Attempted killing', 'Покушение на убийство', 'Кісі өлтіруге оқталу'),
  term(
    'confinement',
    'Confinement, deprivation of liberty',
    'Удержание, лишение свободы',
    'Ұстап отыру, бостандығынан айыру',
  ),
  term(
    'forced_treatment',
    'Forced "treatment" or conversion practices',
    'Принудительное «лечение», конверсионные практики',
    'Мәжбүрлі «емдеу», конверсиялық тәжірибелер',
  ),
  term('forced_marriage', 'Forced marriage', 'Принудительный брак', 'Мәжбүрлі неке'),
  term('outing', 'Outing', 'Аутинг', 'Аутинг'),
  term(
    'blackmail',
    'Blackmail or extortion',
    'Шантаж или вымогательство',
    'Бопсалау немесе қорқытып алу',
  ),
  term('threats', 'Threats', 'Угрозы', 'Қорқыту'),
  term('hate_speech', 'Hate speech', 'Язык вражды', 'Өшпенділік сөзі'),
  term('online_harassment', 'Online harassment', 'Травля в интернете', 'Интернеттегі қудалау'),
  term(
    'doxxing',
    'Publishing personal data (doxxing)',
    'Публикация личных данных (доксинг)',
    'Жеке деректерді жариялау (доксинг)',
  ),
  term('stalking', 'Stalking', 'Преследование', 'Аңдып жүру'),
  term('property_damage', 'Damage to property', 'Порча имущества', 'Мүлікке зиян келтіру'),
  term('robbery', 'Robbery or theft', 'Грабёж или кража', 'Тонау немесе ұрлық'),
  term('eviction', 'Eviction', 'Выселение', 'Үйден шығару'),
  term(
    'expulsion_from_home',
    'Thrown out of the family home',
    'Изгнание из семьи',
    'Отбасынан қуу',
  ),
  term('dismissal', 'Dismissal from work', 'Увольнение', 'Жұмыстан шығару'),
  term(
    'expulsion_from_school',
    'Expulsion from school or university',
    'Отчисление из школы или вуза',
    'Мектептен немесе ЖОО-дан шығару',
  ),
  term('denial_of_service', 'Denial of a service', 'Отказ в услуге', 'Қызмет көрсетуден бас тарту'),
  term(
    'denial_of_health_care',
    'Denial of health care',
    'Отказ в медицинской помощи',
    'Медициналық көмектен бас тарту',
  ),
  term(
    'police_refusal_to_register',
    'Police refused to register a complaint',
    'Полиция отказалась регистрировать заявление',
    'Полиция арызды тіркеуден бас тартты',
  ),
  term('arbitrary_detention', 'Arbitrary detention', 'Произвольное задержание', 'Заңсыз ұстау'),
  term('police_abuse', 'Abuse by police', 'Насилие со стороны полиции', 'Полицияның зорлығы'),
  term(
    'entrapment',
    'Entrapment through a dating app',
    'Ловушка через приложение знакомств',
    'Танысу қосымшасы арқылы тұзақ',
  ),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** How a perpetrator took part in an act (HURIDOCS "type of perpetrator involvement"). */
export const INVOLVEMENT_TYPES = [
  term('direct', 'Carried it out', 'Непосредственный исполнитель', 'Тікелей орындаушы'),
  term('ordered', 'Ordered it', 'Отдал приказ', 'Бұйрық берген'),
  term('instigated', 'Instigated it', 'Подстрекал', 'Айдап салған'),
  term('assisted', 'Assisted', 'Помогал', 'Көмектескен'),
  term('acquiesced', 'Allowed it to happen', 'Допустил, не вмешался', 'Жол берген, араласпаған'),
  term(
    'failed_to_protect',
    'Failed to protect (duty of care)',
    'Не обеспечил защиту',
    'Қорғауды қамтамасыз етпеген',
  ),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/** How certain it is that a perpetrator took part. */
export const INVOLVEMENT_DEGREES = [
  term('confirmed', 'Confirmed', 'Подтверждено', 'Расталған'),
  term('alleged', 'Alleged', 'Предположительно', 'Болжамды'),
  term('suspected', 'Suspected', 'Подозревается', 'Күдікті'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

export const METHODS = [
  term('hands_feet', 'Hands, fists, feet', 'Руки, кулаки, ноги', 'Қол, жұдырық, аяқ'),
  term('blunt_object', 'Blunt object', 'Тупой предмет', 'Доғал зат'),
  term('knife', 'Knife or sharp object', 'Нож или острый предмет', 'Пышақ немесе өткір зат'),
  term('firearm', 'Firearm', 'Огнестрельное оружие', 'Атыс қаруы'),
  term('restraint', 'Tying up, locking in', 'Связывание, запирание', 'Байлау, қамап қою'),
  term(
    'confiscation_of_documents',
    'Taking away documents',
    'Отобрание документов',
    'Құжаттарын тартып алу',
  ),
  term(
    'confiscation_of_phone',
    'Taking away the phone',
    'Отобрание телефона',
    'Телефонын тартып алу',
  ),
  term(
    'forced_medication',
    'Forced medication or drugs',
    'Принудительные лекарства или вещества',
    'Мәжбүрлі дәрі немесе заттар',
  ),
  term(
    'religious_rituals',
    'Religious rituals ("exorcism")',
    'Религиозные ритуалы («изгнание бесов»)',
    'Діни рәсімдер («жын шығару»)',
  ),
  term(
    'psychological_pressure',
    'Psychological pressure',
    'Психологическое давление',
    'Психологиялық қысым',
  ),
  term(
    'intimate_images',
    'Intimate images or videos',
    'Интимные фото или видео',
    'Интимдік суреттер немесе бейнелер',
  ),
  term(
    'video_recording',
    'Filming the victim',
    'Съёмка жертвы на видео',
    'Жәбірленушіні бейнеге түсіру',
  ),
  term('messages', 'Messages or calls', 'Сообщения или звонки', 'Хабарламалар немесе қоңыраулар'),
  term(
    'public_posts',
    'Public posts or comments',
    'Публичные посты или комментарии',
    'Жария жазбалар немесе пікірлер',
  ),
  term('fake_date', 'A fake date', 'Фальшивое свидание', 'Жалған кездесу'),
  term('administrative', 'Administrative decision', 'Административное решение', 'Әкімшілік шешім'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

export const PHYSICAL_CONSEQUENCES = [
  term('none', 'None known', 'Не известны', 'Белгісіз'),
  term(
    'bruises',
    'Bruises, minor injuries',
    'Синяки, лёгкие травмы',
    'Көгерулер, жеңіл жарақаттар',
  ),
  term('serious_injury', 'Serious injury', 'Тяжёлая травма', 'Ауыр жарақат'),
  term('fracture', 'Fracture', 'Перелом', 'Сүйек сынуы'),
  term('head_injury', 'Head injury', 'Травма головы', 'Бас жарақаты'),
  term(
    'sexual_health',
    'Sexual or reproductive health harm',
    'Вред сексуальному или репродуктивному здоровью',
    'Жыныстық немесе репродуктивтік денсаулыққа зиян',
  ),
  term('disability', 'Lasting disability', 'Стойкая утрата здоровья', 'Тұрақты мүгедектік'),
  term('death', 'Death', 'Смерть', 'Қаза'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

export const PSYCHOLOGICAL_CONSEQUENCES = [
  term('none', 'None known', 'Не известны', 'Белгісіз'),
  term('fear', 'Fear, anxiety', 'Страх, тревога', 'Қорқыныш, үрей'),
  term('depression', 'Depression', 'Депрессия', 'Депрессия'),
  term(
    'trauma',
    'Post-traumatic stress',
    'Посттравматический стресс',
    'Жарақаттан кейінгі күйзеліс',
  ),
  term(
    'suicidal',
    'Suicidal thoughts or attempt',
    'Суицидальные мысли или попытка',
    'Өз-өзіне қол жұмсау ойлары немесе әрекеті',
  ),
  term('isolation', 'Isolation, withdrawal', 'Изоляция, замкнутость', 'Оқшаулану, тұйықталу'),
  term('self_harm', 'Self-harm', 'Самоповреждение', 'Өзіне зиян келтіру'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

export const ECONOMIC_CONSEQUENCES = [
  term('none', 'None known', 'Не известны', 'Белгісіз'),
  term('job_loss', 'Loss of job', 'Потеря работы', 'Жұмыстан айырылу'),
  term('loss_of_housing', 'Loss of housing', 'Потеря жилья', 'Баспанадан айырылу'),
  term(
    'property_loss',
    'Loss or damage of property',
    'Потеря или порча имущества',
    'Мүліктен айырылу немесе зақымдану',
  ),
  term('money_extorted', 'Money extorted', 'Вымогательство денег', 'Ақша бопсалап алу'),
  term('medical_costs', 'Medical costs', 'Расходы на лечение', 'Емделу шығындары'),
  term('education_loss', 'Loss of education', 'Потеря учёбы', 'Оқудан айырылу'),
  term('relocation_costs', 'Had to move away', 'Пришлось переехать', 'Көшіп кетуге тура келді'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** Where an act took place, finer than an incident's place type. */
export const LOCATION_TYPES = [
  term('family_home', 'Family home', 'Дом семьи', 'Отбасы үйі'),
  term('own_home', "Victim's own home", 'Собственное жильё жертвы', 'Жәбірленушінің өз үйі'),
  term('relatives_home', "Relatives' home", 'Дом родственников', 'Туыстарының үйі'),
  term('street', 'Street or public place', 'Улица, общественное место', 'Көше, қоғамдық орын'),
  term('transport', 'Transport, taxi', 'Транспорт, такси', 'Көлік, такси'),
  term('workplace', 'Workplace', 'Место работы', 'Жұмыс орны'),
  term('school', 'School or university', 'Школа или вуз', 'Мектеп немесе ЖОО'),
  term('police_station', 'Police station', 'Отделение полиции', 'Полиция бөлімшесі'),
  term(
    'detention_facility',
    'Place of detention',
    'Место содержания под стражей',
    'Қамауда ұстау орны',
  ),
  term('hospital', 'Hospital or clinic', 'Больница или клиника', 'Аурухана немесе емхана'),
  term(
    'psychiatric_facility',
    'Psychiatric facility',
    'Психиатрическое учреждение',
    'Психиатриялық мекеме',
  ),
  term(
    'rehabilitation_centre',
    '"Rehabilitation" centre',
    '«Реабилитационный» центр',
    '«Оңалту» орталығы',
  ),
  term('religious_site', 'Religious site', 'Религиозное место', 'Діни орын'),
  term('venue', 'Bar, club, café', 'Бар, клуб, кафе', 'Бар, клуб, кафе'),
  term('online', 'Online', 'В интернете', 'Интернетте'),
  term('other', 'Other', 'Другое', 'Басқа'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/** Where the victim was when the act ended: what tells a case worker to act now. */
export const VICTIM_STATUSES = [
  term('free', 'Free, safe', 'На свободе, в безопасности', 'Бостандықта, қауіпсіз'),
  term(
    'free_at_risk',
    'Free but at risk',
    'На свободе, но в опасности',
    'Бостандықта, бірақ қауіпте',
  ),
  term(
    'confined',
    'Confined (e.g. by family)',
    'Удерживается (например, семьёй)',
    'Ұсталып отыр (мысалы, отбасы)',
  ),
  term('hospitalised', 'Hospitalised', 'Госпитализирован(а)', 'Ауруханаға жатқызылды'),
  term(
    'forcibly_hospitalised',
    'Forcibly placed in an institution',
    'Принудительно помещён(а) в учреждение',
    'Мекемеге мәжбүрлеп орналастырылды',
  ),
  term('detained', 'Detained by authorities', 'Задержан(а) властями', 'Билік ұстады'),
  term('missing', 'Missing', 'Пропал(а) без вести', 'Хабарсыз кетті'),
  term(
    'displaced',
    'Had to leave home or town',
    'Вынужден(а) покинуть дом или город',
    'Үйін немесе қаласын тастап кетуге мәжбүр болды',
  ),
  term('left_country', 'Left the country', 'Покинул(а) страну', 'Елден кетті'),
  term(
    'married_forcibly',
    'Forcibly married',
    'Выдан(а) замуж / женат(а) насильно',
    'Күштеп үйлендірілді',
  ),
  term('dead', 'Dead', 'Погиб(ла)', 'Қаза тапты'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

// ---- people ----------------------------------------------------------------------------

export const PERSON_ROLES = [
  term('victim', 'Victim', 'Пострадавший(ая)', 'Жәбірленуші'),
  term('perpetrator', 'Perpetrator', 'Исполнитель', 'Қылмыскер'),
  term('witness', 'Witness', 'Свидетель', 'Куә'),
  term('source', 'Source', 'Источник', 'Дереккөз'),
] as const;

export const AGE_GROUPS = [
  term('under_14', 'Under 14', 'До 14', '14-ке дейін'),
  term('14_17', '14–17', '14–17', '14–17'),
  term('18_24', '18–24', '18–24', '18–24'),
  term('25_34', '25–34', '25–34', '25–34'),
  term('35_49', '35–49', '35–49', '35–49'),
  term('50_64', '50–64', '50–64', '50–64'),
  term('65_plus', '65 and over', '65 и старше', '65 және одан жоғары'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/** Who a perpetrator is, finer than the report form's list; the family sphere in detail. */
export const PERSON_PERPETRATOR_TYPES = [
  term('father', 'Father', 'Отец', 'Әкесі'),
  term('mother', 'Mother', 'Мать', 'Анасы'),
  term('brother', 'Brother', 'Брат', 'Ағасы немесе інісі'),
  term('sister', 'Sister', 'Сестра', 'Әпкесі немесе сіңлісі'),
  term('spouse', 'Husband or wife', 'Муж или жена', 'Күйеуі немесе әйелі'),
  term(
    'partner',
    'Partner or ex-partner',
    'Партнёр или бывший партнёр',
    'Серіктес немесе бұрынғы серіктес',
  ),
  term('other_relative', 'Other relative', 'Другой родственник', 'Басқа туысы'),
  term('in_laws', 'In-laws', 'Родственники супруга(и)', 'Жұбайының туыстары'),
  term('police', 'Police officer', 'Сотрудник полиции', 'Полиция қызметкері'),
  term('official', 'Other official', 'Другой представитель власти', 'Басқа лауазымды тұлға'),
  term('stranger', 'Stranger', 'Незнакомый человек', 'Бейтаныс адам'),
  term('acquaintance', 'Acquaintance', 'Знакомый', 'Таныс адам'),
  term('online_account', 'Online account', 'Аккаунт в интернете', 'Интернеттегі аккаунт'),
  term(
    'employer',
    'Employer or colleague',
    'Работодатель или коллега',
    'Жұмыс беруші немесе әріптес',
  ),
  term(
    'school',
    'School or university staff or students',
    'Сотрудники или учащиеся школы, вуза',
    'Мектеп, ЖОО қызметкерлері немесе оқушылары',
  ),
  term('neighbour', 'Neighbour', 'Сосед', 'Көрші'),
  term('religious_figure', 'Religious figure', 'Религиозный деятель', 'Дін қызметкері'),
  term(
    'medical_staff',
    'Doctor or medical staff',
    'Врач или медперсонал',
    'Дәрігер немесе медқызметкер',
  ),
  term('landlord', 'Landlord', 'Арендодатель', 'Пәтер иесі'),
  term('group', 'Organised group', 'Организованная группа', 'Ұйымдасқан топ'),
  term('other', 'Other', 'Другое', 'Басқа'),
  term('unknown', 'Unknown', 'Неизвестно', 'Белгісіз'),
] as const;

/**
 * "A is <label> B"; the inverse label reads the same link from B's side ("B is <inverse> A").
 * A symmetric relation has the same label both ways.
 */
export const PERSON_RELATIONS = [
  {
    ...term('parent_of', 'parent of', 'родитель', 'ата-анасы'),
    inverse: { en: 'child of', ru: 'ребёнок', kk: 'баласы' },
  },
  {
    ...term('father_of', 'father of', 'отец', 'әкесі'),
    inverse: { en: 'child of', ru: 'ребёнок', kk: 'баласы' },
  },
  {
    ...term('mother_of', 'mother of', 'мать', 'анасы'),
    inverse: { en: 'child of', ru: 'ребёнок', kk: 'баласы' },
  },
  {
    ...term('sibling_of', 'sibling of', 'брат или сестра', 'туған бауыры'),
    inverse: { en: 'sibling of', ru: 'брат или сестра', kk: 'туған бауыры' },
  },
  {
    ...term('spouse_of', 'husband or wife of', 'супруг(а)', 'жұбайы'),
    inverse: { en: 'husband or wife of', ru: 'супруг(а)', kk: 'жұбайы' },
  },
  {
    ...term('partner_of', 'partner of', 'партнёр', 'серіктесі'),
    inverse: { en: 'partner of', ru: 'партнёр', kk: 'серіктесі' },
  },
  {
    ...term('ex_partner_of', 'former partner of', 'бывший партнёр', 'бұрынғы серіктесі'),
    inverse: { en: 'former partner of', ru: 'бывший партнёр', kk: 'бұрынғы серіктесі' },
  },
  {
    ...term('relative_of', 'relative of', 'родственник', 'туысы'),
    inverse: { en: 'relative of', ru: 'родственник', kk: 'туысы' },
  },
  {
    ...term('in_law_of', 'in-law of', 'родственник супруга(и)', 'жұбайының туысы'),
    inverse: { en: 'in-law of', ru: 'родственник супруга(и)', kk: 'жұбайының туысы' },
  },
  {
    ...term('guardian_of', 'guardian of', 'опекун', 'қамқоршысы'),
    inverse: { en: 'ward of', ru: 'подопечный', kk: 'қамқорлығындағы' },
  },
  {
    ...term('employer_of', 'employer of', 'работодатель', 'жұмыс берушісі'),
    inverse: { en: 'employee of', ru: 'работник', kk: 'қызметкері' },
  },
  {
    ...term('friend_of', 'friend of', 'друг', 'досы'),
    inverse: { en: 'friend of', ru: 'друг', kk: 'досы' },
  },
  {
    ...term('neighbour_of', 'neighbour of', 'сосед', 'көршісі'),
    inverse: { en: 'neighbour of', ru: 'сосед', kk: 'көршісі' },
  },
  {
    ...term('colleague_of', 'colleague of', 'коллега', 'әріптесі'),
    inverse: { en: 'colleague of', ru: 'коллега', kk: 'әріптесі' },
  },
  {
    ...term('holds_captive', 'holds captive', 'удерживает', 'ұстап отыр'),
    inverse: { en: 'held captive by', ru: 'удерживается', kk: 'ұстауында отыр' },
  },
  {
    ...term('other', 'related to', 'связан(а) с', 'байланысты'),
    inverse: { en: 'related to', ru: 'связан(а) с', kk: 'байланысты' },
  },
] as const satisfies readonly (Term & { inverse: Term['label'] })[];

// ---- sources ---------------------------------------------------------------------------

export const SOURCE_TYPES = [
  term('victim', 'The victim', 'Пострадавший(ая)', 'Жәбірленуші'),
  term('witness', 'A witness', 'Свидетель', 'Куә'),
  term('relative_friend', 'A relative or friend', 'Родственник или друг', 'Туысы немесе досы'),
  term(
    'report',
    'A report through this platform',
    'Сообщение через эту платформу',
    'Осы платформа арқылы келген хабарлама',
  ),
  term(
    'partner_organisation',
    'A partner organisation',
    'Партнёрская организация',
    'Серіктес ұйым',
  ),
  term('media', 'Media', 'СМИ', 'БАҚ'),
  term('social_media', 'Social media', 'Социальные сети', 'Әлеуметтік желілер'),
  term('official_document', 'Official document', 'Официальный документ', 'Ресми құжат'),
  term('medical_record', 'Medical record', 'Медицинский документ', 'Медициналық құжат'),
  term('lawyer', 'A lawyer', 'Адвокат', 'Адвокат'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** How far a source can be trusted (after the HURIDOCS reliability scale). */
export const SOURCE_RELIABILITIES = [
  term('high', 'Reliable', 'Надёжный', 'Сенімді'),
  term('medium', 'Usually reliable', 'Обычно надёжный', 'Әдетте сенімді'),
  term('low', 'Not very reliable', 'Не очень надёжный', 'Онша сенімді емес'),
  term('unverified', 'Not verified', 'Не проверен', 'Тексерілмеген'),
] as const;

// ---- interventions ---------------------------------------------------------------------

export const INTERVENER_TYPES = [
  term('lawyer', 'Lawyer', 'Адвокат, юрист', 'Адвокат, заңгер'),
  term('own_organisation', 'Our organisation', 'Наша организация', 'Біздің ұйым'),
  term('partner_organisation', 'Partner organisation', 'Партнёрская организация', 'Серіктес ұйым'),
  term('international_ngo', 'International NGO', 'Международная НКО', 'Халықаралық ҮЕҰ'),
  term('embassy', 'Embassy', 'Посольство', 'Елшілік'),
  term('un_mechanism', 'UN mechanism', 'Механизм ООН', 'БҰҰ тетігі'),
  term('osce', 'OSCE', 'ОБСЕ', 'ЕҚЫҰ'),
  term(
    'ombudsman',
    'Ombudsman',
    'Уполномоченный по правам человека',
    'Адам құқықтары жөніндегі уәкіл',
  ),
  term('journalist', 'Journalist', 'Журналист', 'Журналист'),
  term('victim_self', 'The victim themself', 'Сам(а) пострадавший(ая)', 'Жәбірленушінің өзі'),
  term('relative', 'A relative', 'Родственник', 'Туысы'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

export const INTERVENTION_TYPES = [
  term('police_complaint', 'Complaint to the police', 'Заявление в полицию', 'Полицияға арыз'),
  term(
    'prosecutor_appeal',
    'Appeal to the prosecutor',
    'Обращение в прокуратуру',
    'Прокуратураға жүгіну',
  ),
  term(
    'ministry_appeal',
    'Appeal to a ministry',
    'Обращение в министерство',
    'Министрлікке жүгіну',
  ),
  term('akimat_appeal', 'Appeal to the akimat', 'Обращение в акимат', 'Әкімдікке жүгіну'),
  term(
    'ombudsman_complaint',
    'Complaint to the ombudsman',
    'Жалоба уполномоченному по правам человека',
    'Адам құқықтары жөніндегі уәкілге шағым',
  ),
  term('court_claim', 'Court claim', 'Иск в суд', 'Сотқа талап арыз'),
  term(
    'court_appeal',
    'Appeal against a court decision',
    'Обжалование решения суда',
    'Сот шешіміне шағымдану',
  ),
  term('urgent_appeal', 'Urgent appeal', 'Срочное обращение', 'Шұғыл үндеу'),
  term(
    'un_communication',
    'Communication to a UN body',
    'Сообщение в орган ООН',
    'БҰҰ органына хабарлама',
  ),
  term('embassy_request', 'Request to an embassy', 'Обращение в посольство', 'Елшілікке өтініш'),
  term('media', 'Media publication', 'Публикация в СМИ', 'БАҚ-та жариялау'),
  term(
    'platform_report',
    'Report to an online platform',
    'Жалоба в онлайн-платформу',
    'Онлайн-платформаға шағым',
  ),
  term(
    'evacuation',
    'Evacuation or relocation',
    'Эвакуация или переезд',
    'Эвакуация немесе көшіру',
  ),
  term('legal_consultation', 'Legal consultation', 'Юридическая консультация', 'Заң кеңесі'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

export const AUTHORITY_RESPONSES = [
  term('awaiting', 'Awaiting a response', 'Ожидается ответ', 'Жауап күтілуде'),
  term('none', 'No response', 'Ответа нет', 'Жауап жоқ'),
  term(
    'refused_to_register',
    'Refused to register',
    'Отказали в регистрации',
    'Тіркеуден бас тартты',
  ),
  term('registered', 'Registered', 'Зарегистрировано', 'Тіркелді'),
  term(
    'formal_reply',
    'Formal reply without action',
    'Формальная отписка',
    'Әрекетсіз ресми жауап',
  ),
  term(
    'investigation_opened',
    'Investigation opened',
    'Возбуждено расследование',
    'Тергеу басталды',
  ),
  term(
    'investigation_refused',
    'Investigation refused',
    'Отказано в расследовании',
    'Тергеуден бас тартылды',
  ),
  term('case_closed', 'Case closed', 'Дело закрыто', 'Іс жабылды'),
  term('perpetrator_charged', 'Perpetrator charged', 'Предъявлено обвинение', 'Айып тағылды'),
  term('perpetrator_convicted', 'Perpetrator convicted', 'Виновный осуждён', 'Кінәлі сотталды'),
  term('claim_granted', 'Claim granted', 'Иск удовлетворён', 'Талап қанағаттандырылды'),
  term('claim_rejected', 'Claim rejected', 'В иске отказано', 'Талап қабылданбады'),
  term('protection_granted', 'Protection granted', 'Предоставлена защита', 'Қорғау берілді'),
  term('content_removed', 'Content removed', 'Контент удалён', 'Контент жойылды'),
  term('hostile', 'Hostile response', 'Враждебная реакция', 'Дұшпандық жауап'),
  term('other', 'Other', 'Другое', 'Басқа'),
] as const;

/** Matches the CHECK constraint on interventions.status. */
export const INTERVENTION_STATUSES = [
  term('planned', 'Planned', 'Запланировано', 'Жоспарланған'),
  term('submitted', 'Submitted', 'Подано', 'Берілді'),
  term('awaiting_response', 'Awaiting response', 'Ожидает ответа', 'Жауап күтуде'),
  term('responded', 'Responded', 'Получен ответ', 'Жауап алынды'),
  term('appealed', 'Appealed', 'Обжаловано', 'Шағымданылды'),
  term('closed', 'Closed', 'Закрыто', 'Жабылды'),
] as const;

/** Matches the CHECK constraint on interventions.priority. */
export const PRIORITIES = [
  term('low', 'Low', 'Низкий', 'Төмен'),
  term('normal', 'Normal', 'Обычный', 'Қалыпты'),
  term('high', 'High', 'Высокий', 'Жоғары'),
  term('urgent', 'Urgent', 'Срочно', 'Шұғыл'),
] as const;

// ---- chain of events -------------------------------------------------------------------

/** "<to> is <label> <from>"; the inverse label reads it from the other incident. */
export const INCIDENT_LINK_TYPES = [
  {
    ...term('follow_up', 'follow-up of', 'продолжение', 'жалғасы'),
    inverse: { en: 'followed by', ru: 'продолжено в', kk: 'жалғасы' },
  },
  {
    ...term(
      'same_perpetrator',
      'same perpetrator as',
      'тот же исполнитель, что и',
      'сол қылмыскер',
    ),
    inverse: { en: 'same perpetrator as', ru: 'тот же исполнитель, что и', kk: 'сол қылмыскер' },
  },
  {
    ...term('retaliation', 'retaliation for', 'месть за', 'үшін кек'),
    inverse: { en: 'answered by retaliation', ru: 'повлекло месть', kk: 'кекке әкелді' },
  },
  {
    ...term('escalation', 'escalation of', 'эскалация', 'ушығуы'),
    inverse: { en: 'escalated into', ru: 'переросло в', kk: 'ұласты' },
  },
  {
    ...term('related', 'related to', 'связано с', 'байланысты'),
    inverse: { en: 'related to', ru: 'связано с', kk: 'байланысты' },
  },
] as const satisfies readonly (Term & { inverse: Term['label'] })[];

type CodeOf<T extends readonly Term[]> = T[number]['code'];
export type BiasMotivation = CodeOf<typeof BIAS_MOTIVATIONS>;
export type OdihrCategory = CodeOf<typeof ODIHR_CATEGORIES>;
export type CrimeStatus = CodeOf<typeof CRIME_STATUSES>;
export type ViolationStatus = CodeOf<typeof VIOLATION_STATUSES>;
export type ActType = CodeOf<typeof ACT_TYPES>;
export type PersonRole = CodeOf<typeof PERSON_ROLES>;
export type PersonRelation = CodeOf<typeof PERSON_RELATIONS>;
export type InterventionStatus = CodeOf<typeof INTERVENTION_STATUSES>;
export type Priority = CodeOf<typeof PRIORITIES>;
export type IncidentLinkType = CodeOf<typeof INCIDENT_LINK_TYPES>;

/** Every vocabulary of records, by the name the screens and the API use. */
export const RECORDS_VOCABULARIES = {
  datePrecision: RECORD_DATE_PRECISIONS,
  oblast: OBLASTS,
  placeType: PLACE_TYPES,
  onlinePlatform: ONLINE_PLATFORMS,
  incidentTypes: INCIDENT_TYPES,
  biasMotivations: BIAS_MOTIVATIONS,
  biasIndicators: BIAS_INDICATORS,
  perpetratorTypes: PERPETRATOR_TYPES,
  odihrCategory: ODIHR_CATEGORIES,
  crimeStatus: CRIME_STATUSES,
  violationStatus: VIOLATION_STATUSES,
  reportedToPolice: POLICE_REPORTED,
  policeResponse: POLICE_RESPONSES,
  actType: ACT_TYPES,
  involvement: INVOLVEMENT_TYPES,
  involvementDegree: INVOLVEMENT_DEGREES,
  methods: METHODS,
  physicalConsequences: PHYSICAL_CONSEQUENCES,
  psychologicalConsequences: PSYCHOLOGICAL_CONSEQUENCES,
  economicConsequences: ECONOMIC_CONSEQUENCES,
  locationType: LOCATION_TYPES,
  victimStatusAfter: VICTIM_STATUSES,
  personRoles: PERSON_ROLES,
  ageGroup: AGE_GROUPS,
  personPerpetratorType: PERSON_PERPETRATOR_TYPES,
  personRelation: PERSON_RELATIONS,
  sourceType: SOURCE_TYPES,
  sourceReliability: SOURCE_RELIABILITIES,
  intervenerType: INTERVENER_TYPES,
  interventionType: INTERVENTION_TYPES,
  authorityResponse: AUTHORITY_RESPONSES,
  interventionStatus: INTERVENTION_STATUSES,
  priority: PRIORITIES,
  incidentLinkType: INCIDENT_LINK_TYPES,
} as const;
export type RecordsVocabularyName = keyof typeof RECORDS_VOCABULARIES;

/** The crime status an ODIHR category implies (discrimination and hate speech are non-crime). */
export function crimeStatusOf(category: OdihrCategory | null): CrimeStatus {
  const found = ODIHR_CATEGORIES.find((c) => c.code === category);
  if (!found || found.crime === null) return 'undetermined';
  return found.crime ? 'crime' : 'non_crime';
}
