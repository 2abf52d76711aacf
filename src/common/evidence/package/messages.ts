// The evidence package's own words (summary.pdf) in ru / kk / en, in the style of the
// case-file PDF's messages (src/common/pdf/messages.ts). Placeholders are `{name}`.
import type { Locale } from '../../api/accounts.ts';
import type { CustodyAction, EvidenceFileRole, EvidenceKind } from '../vocabulary.ts';

const en = {
  packageTitle: 'Evidence package',
  organisation: 'Organisation',
  caseTitle: 'Case',
  createdAt: 'Created',
  createdBy: 'Created by',
  itemCount: 'Items',
  intro:
    'This summary describes the files of the package. What a verification checks are the files themselves, manifest.json, each item’s hash-manifest.json and its timestamp tokens; see “How to verify” at the end.',
  confidentialShort: 'Evidence package',
  items: 'Items',
  untitled: 'Untitled item',
  itemId: 'Item ID',
  folder: 'Folder',
  kind: 'Kind',
  originalName: 'Original file name',
  mediaType: 'Type (detected from the content)',
  typeMismatch:
    'The content’s type does not match the type its name or sender declared ({declared}).',
  size: 'Size',
  bytes: '{n} bytes',
  collected: 'Collected',
  obtainedAt: 'Obtained (as stated by the collector)',
  description: 'Notes',
  files: 'Files',
  sha256: 'SHA-256',
  capture: 'Web capture',
  requestedUrl: 'Address requested',
  finalUrl: 'Final address',
  httpStatus: 'HTTP status',
  capturedAt: 'Captured at',
  pageTitle: 'Page title',
  tlsAccepted: 'TLS certificate',
  tlsValid: 'accepted by the browser',
  tlsInvalid: 'not accepted by the browser',
  tlsNone: 'none (http://)',
  timestamps: 'Trusted timestamps (RFC 3161)',
  noTimestamp: 'This item has no trusted timestamp.',
  timestampLine: '{time} — authority {tsa}, serial {serial}',
  custody: 'Chain of custody',
  custodyTime: 'Time (UTC)',
  custodyAction: 'Action',
  custodyBy: 'By',
  custodyFile: 'File',
  custodyNone: 'No custody entries were exported.',
  custodyNote:
    'Each entry is a link of the organisation’s hash-chained audit log; the full entries, with the SHA-256 of the stored ciphertext and the chain hashes, are in manifest.json.',
  system: 'the system',
  howToVerify: 'How to verify',
  verifyQorgan:
    'With Qorgan: run “qorgan evidence verify PACKAGE.zip --tsa-ca TSA-CA.pem”. It re-computes the SHA-256 of every file, checks it against manifest.json and against the item’s hash-manifest.json, checks each timestamp token’s signature and certificate chain, and prints PASS or FAIL for each item.',
  verifyTools:
    'With standard tools only: unzip the package; “sha256sum -c SHA256SUMS” checks every file against the list; compare each file’s SHA-256 with the value for its role in the item’s hash-manifest.json; “openssl ts -verify -data items/NN-ID/hash-manifest.json -in items/NN-ID/timestamp-1.tsr -CAfile TSA-CA.pem” checks the timestamp.',
  verifyTrust:
    'Take the timestamp authority’s CA certificate from the authority itself. The copies in tsa/ only show which certificate the organisation trusted; compare their SHA-256 fingerprints (“openssl x509 -in tsa/ca-1.pem -noout -fingerprint -sha256”).',
  proves:
    'What this proves: a file whose SHA-256 equals the value in a timestamped hash-manifest.json existed, unchanged, no later than the time in the token.',
  doesNotProve:
    'What it does not prove: who made the file, that what it shows is true, or when it was first created. The custody entries are the organisation’s own record.',
  htmlWarning:
    'Open the html and mhtml files of a web capture only on a computer without an Internet connection: they may load content from the original site.',
  contents: 'What is in this package',
  contentsManifest:
    'every file with its SHA-256 and size, the items’ details, timestamps and custody entries (machine-readable)',
  contentsSummary: 'this summary, readable',
  contentsChecksums:
    'SHA-256 of every file except manifest.json and SHA256SUMS itself, for “sha256sum -c”',
  contentsItems: 'one folder per item, holding its files:',
  contentsHashManifest:
    'the SHA-256 and size of each file of the item (with a random salt): what was timestamped',
  contentsTimestamp: 'a timestamp token (RFC 3161) over the SHA-256 of hash-manifest.json',
  contentsTsa: 'the certificate(s) of the timestamp authority’s CA that the organisation trusts',
  contentsManifestSha:
    'The SHA-256 of manifest.json is written in the organisation’s custody log when the package is made; compare it with the export record.',
  page: 'Page {n} of {m}',
  yes: 'yes',
  no: 'no',
  'kind.file': 'Uploaded file',
  'kind.capture': 'Web capture',
  'role.original': 'Original',
  'role.working': 'Working copy (without metadata)',
  'role.thumbnail': 'Thumbnail',
  'role.screenshot': 'Full-page screenshot',
  'role.html': 'Page HTML as served',
  'role.mhtml': 'Page archive (MHTML)',
  'role.capture_metadata': 'Capture metadata',
  'action.evidence.uploaded': 'Uploaded',
  'action.evidence.captured': 'Captured',
  'action.evidence.viewed': 'Viewed',
  'action.evidence.downloaded': 'Downloaded',
  'action.evidence.exported': 'Exported',
  'action.evidence.verified': 'Verified',
  'action.evidence.timestamped': 'Timestamped',
  'action.evidence.integrity_checked': 'Integrity checked',
  'action.evidence.deleted': 'Deleted',
} satisfies Record<string, string> &
  Record<`kind.${EvidenceKind}`, string> &
  Record<`role.${EvidenceFileRole}`, string> &
  Record<`action.${CustodyAction}`, string>;

export type PackageMessageKey = keyof typeof en;
export type PackageMessages = Record<PackageMessageKey, string>;

const ru: PackageMessages = {
  packageTitle: 'Пакет доказательств',
  organisation: 'Организация',
  caseTitle: 'Дело',
  createdAt: 'Сформирован',
  createdBy: 'Сформировал(а)',
  itemCount: 'Материалов',
  intro:
    'Эта сводка описывает файлы пакета. При проверке сверяются сами файлы, manifest.json, файл hash-manifest.json каждого материала и его метки времени; см. раздел «Как проверить» в конце.',
  confidentialShort: 'Пакет доказательств',
  items: 'Материалы',
  untitled: 'Материал без названия',
  itemId: 'Идентификатор материала',
  folder: 'Папка',
  kind: 'Вид',
  originalName: 'Исходное имя файла',
  mediaType: 'Тип (определён по содержимому)',
  typeMismatch:
    'Тип содержимого не совпадает с типом, указанным в имени или отправителем ({declared}).',
  size: 'Размер',
  bytes: '{n} байт',
  collected: 'Получено',
  obtainedAt: 'Когда добыто (со слов собравшего)',
  description: 'Примечания',
  files: 'Файлы',
  sha256: 'SHA-256',
  capture: 'Веб-снимок',
  requestedUrl: 'Запрошенный адрес',
  finalUrl: 'Итоговый адрес',
  httpStatus: 'Код ответа HTTP',
  capturedAt: 'Время снимка',
  pageTitle: 'Заголовок страницы',
  tlsAccepted: 'Сертификат TLS',
  tlsValid: 'принят браузером',
  tlsInvalid: 'не принят браузером',
  tlsNone: 'нет (http://)',
  timestamps: 'Доверенные метки времени (RFC 3161)',
  noTimestamp: 'У этого материала нет доверенной метки времени.',
  timestampLine: '{time} — служба {tsa}, серийный номер {serial}',
  custody: 'Цепочка хранения',
  custodyTime: 'Время (UTC)',
  custodyAction: 'Действие',
  custodyBy: 'Кто',
  custodyFile: 'Файл',
  custodyNone: 'Записи о хранении не выгружены.',
  custodyNote:
    'Каждая запись — звено журнала аудита организации, связанного хешами; полные записи с SHA-256 хранимого шифртекста и хешами цепочки находятся в manifest.json.',
  system: 'система',
  howToVerify: 'Как проверить',
  verifyQorgan:
    'С помощью Qorgan: выполните «qorgan evidence verify PACKAGE.zip --tsa-ca TSA-CA.pem». Программа заново вычисляет SHA-256 каждого файла, сверяет его с manifest.json и с файлом hash-manifest.json материала, проверяет подпись и цепочку сертификатов каждой метки времени и выводит PASS или FAIL по каждому материалу.',
  verifyTools:
    'Только стандартными средствами: распакуйте пакет; «sha256sum -c SHA256SUMS» сверяет все файлы со списком; сравните SHA-256 каждого файла со значением для его роли в hash-manifest.json материала; «openssl ts -verify -data items/NN-ID/hash-manifest.json -in items/NN-ID/timestamp-1.tsr -CAfile TSA-CA.pem» проверяет метку времени.',
  verifyTrust:
    'Сертификат удостоверяющего центра службы меток времени получите у самой службы. Копии в папке tsa/ лишь показывают, какому сертификату доверяла организация; сравните их отпечатки SHA-256 («openssl x509 -in tsa/ca-1.pem -noout -fingerprint -sha256»).',
  proves:
    'Что это доказывает: файл, SHA-256 которого совпадает со значением в hash-manifest.json с меткой времени, существовал в неизменном виде не позднее времени, указанного в метке.',
  doesNotProve:
    'Чего это не доказывает: кто создал файл, что изображённое в нём правда, и когда он был создан впервые. Записи о хранении — собственный учёт организации.',
  htmlWarning:
    'Открывайте файлы html и mhtml веб-снимка только на компьютере без подключения к Интернету: они могут загружать содержимое с исходного сайта.',
  contents: 'Что в пакете',
  contentsManifest:
    'все файлы с их SHA-256 и размером, сведения о материалах, метки времени и записи о хранении (для программ)',
  contentsSummary: 'эта сводка, для чтения',
  contentsChecksums:
    'SHA-256 всех файлов, кроме manifest.json и самого SHA256SUMS, для «sha256sum -c»',
  contentsItems: 'по одной папке на материал, в ней его файлы:',
  contentsHashManifest:
    'SHA-256 и размер каждого файла материала (со случайной солью): именно на него поставлена метка времени',
  contentsTimestamp: 'метка времени (RFC 3161) на SHA-256 файла hash-manifest.json',
  contentsTsa:
    'сертификат(ы) удостоверяющего центра службы меток времени, которым доверяет организация',
  contentsManifestSha:
    'SHA-256 файла manifest.json записывается в журнал хранения организации при создании пакета; сравните его с записью о выгрузке.',
  page: 'Страница {n} из {m}',
  yes: 'да',
  no: 'нет',
  'kind.file': 'Загруженный файл',
  'kind.capture': 'Веб-снимок',
  'role.original': 'Оригинал',
  'role.working': 'Рабочая копия (без метаданных)',
  'role.thumbnail': 'Миниатюра',
  'role.screenshot': 'Снимок всей страницы',
  'role.html': 'HTML страницы в том виде, в каком он был получен',
  'role.mhtml': 'Архив страницы (MHTML)',
  'role.capture_metadata': 'Метаданные снимка',
  'action.evidence.uploaded': 'Загружено',
  'action.evidence.captured': 'Снято с сайта',
  'action.evidence.viewed': 'Просмотрено',
  'action.evidence.downloaded': 'Скачано',
  'action.evidence.exported': 'Выгружено',
  'action.evidence.verified': 'Проверено',
  'action.evidence.timestamped': 'Получена метка времени',
  'action.evidence.integrity_checked': 'Проверена целостность',
  'action.evidence.deleted': 'Удалено',
};

const kk: PackageMessages = {
  packageTitle: 'Дәлелдер пакеті',
  organisation: 'Ұйым',
  caseTitle: 'Іс',
  createdAt: 'Жасалған уақыты',
  createdBy: 'Жасаған',
  itemCount: 'Материалдар саны',
  intro:
    'Бұл шолу пакеттегі файлдарды сипаттайды. Тексеру кезінде файлдардың өзі, manifest.json, әр материалдың hash-manifest.json файлы және оның уақыт белгілері салыстырылады; соңындағы «Қалай тексеруге болады» бөлімін қараңыз.',
  confidentialShort: 'Дәлелдер пакеті',
  items: 'Материалдар',
  untitled: 'Атауы жоқ материал',
  itemId: 'Материалдың идентификаторы',
  folder: 'Қалта',
  kind: 'Түрі',
  originalName: 'Файлдың бастапқы атауы',
  mediaType: 'Түрі (мазмұны бойынша анықталған)',
  typeMismatch:
    'Мазмұнның түрі атауында немесе жіберуші көрсеткен түрмен сәйкес келмейді ({declared}).',
  size: 'Көлемі',
  bytes: '{n} байт',
  collected: 'Алынған',
  obtainedAt: 'Қашан табылған (жинаған адамның сөзі бойынша)',
  description: 'Ескертпелер',
  files: 'Файлдар',
  sha256: 'SHA-256',
  capture: 'Веб-сурет',
  requestedUrl: 'Сұралған мекенжай',
  finalUrl: 'Соңғы мекенжай',
  httpStatus: 'HTTP жауап коды',
  capturedAt: 'Түсірілген уақыты',
  pageTitle: 'Беттің тақырыбы',
  tlsAccepted: 'TLS сертификаты',
  tlsValid: 'браузер қабылдады',
  tlsInvalid: 'браузер қабылдамады',
  tlsNone: 'жоқ (http://)',
  timestamps: 'Сенімді уақыт белгілері (RFC 3161)',
  noTimestamp: 'Бұл материалда сенімді уақыт белгісі жоқ.',
  timestampLine: '{time} — қызмет {tsa}, сериялық нөмірі {serial}',
  custody: 'Сақтау тізбегі',
  custodyTime: 'Уақыты (UTC)',
  custodyAction: 'Әрекет',
  custodyBy: 'Кім',
  custodyFile: 'Файл',
  custodyNone: 'Сақтау жазбалары шығарылмаған.',
  custodyNote:
    'Әр жазба — ұйымның хэштермен байланысқан аудит журналының буыны; сақталған шифрмәтіннің SHA-256 мәні мен тізбек хэштері бар толық жазбалар manifest.json ішінде.',
  system: 'жүйе',
  howToVerify: 'Қалай тексеруге болады',
  verifyQorgan:
    'Qorgan арқылы: «qorgan evidence verify PACKAGE.zip --tsa-ca TSA-CA.pem» пәрменін орындаңыз. Бағдарлама әр файлдың SHA-256 мәнін қайта есептеп, оны manifest.json және материалдың hash-manifest.json файлымен салыстырады, әр уақыт белгісінің қолтаңбасы мен сертификаттар тізбегін тексереді және әр материал бойынша PASS не FAIL деп шығарады.',
  verifyTools:
    'Тек стандартты құралдармен: пакетті ашыңыз; «sha256sum -c SHA256SUMS» барлық файлды тізіммен салыстырады; әр файлдың SHA-256 мәнін материалдың hash-manifest.json ішіндегі оның рөліне арналған мәнмен салыстырыңыз; «openssl ts -verify -data items/NN-ID/hash-manifest.json -in items/NN-ID/timestamp-1.tsr -CAfile TSA-CA.pem» уақыт белгісін тексереді.',
  verifyTrust:
    'Уақыт белгілері қызметінің куәландырушы орталығының сертификатын қызметтің өзінен алыңыз. tsa/ қалтасындағы көшірмелер тек ұйымның қай сертификатқа сенгенін көрсетеді; олардың SHA-256 саусақ іздерін салыстырыңыз («openssl x509 -in tsa/ca-1.pem -noout -fingerprint -sha256»).',
  proves:
    'Бұл нені дәлелдейді: SHA-256 мәні уақыт белгісі қойылған hash-manifest.json ішіндегі мәнге тең файл белгіде көрсетілген уақыттан кешіктірмей өзгеріссіз болған.',
  doesNotProve:
    'Нені дәлелдемейді: файлды кім жасағанын, онда көрсетілгеннің шындық екенін және оның алғаш қашан жасалғанын. Сақтау жазбалары — ұйымның өз есебі.',
  htmlWarning:
    'Веб-суреттің html және mhtml файлдарын тек Интернетке қосылмаған компьютерде ашыңыз: олар бастапқы сайттан мазмұн жүктеуі мүмкін.',
  contents: 'Пакетте не бар',
  contentsManifest:
    'барлық файл SHA-256 мәні мен көлемімен, материалдар туралы мәліметтер, уақыт белгілері және сақтау жазбалары (бағдарламаларға арналған)',
  contentsSummary: 'осы шолу, оқуға арналған',
  contentsChecksums:
    'manifest.json мен SHA256SUMS файлының өзінен басқа барлық файлдың SHA-256 мәні, «sha256sum -c» үшін',
  contentsItems: 'әр материалға бір қалта, ішінде оның файлдары:',
  contentsHashManifest:
    'материалдың әр файлының SHA-256 мәні мен көлемі (кездейсоқ тұзбен): уақыт белгісі дәл осыған қойылған',
  contentsTimestamp: 'hash-manifest.json файлының SHA-256 мәніне қойылған уақыт белгісі (RFC 3161)',
  contentsTsa: 'ұйым сенетін уақыт белгілері қызметінің куәландырушы орталығының сертификат(тар)ы',
  contentsManifestSha:
    'Пакет жасалғанда manifest.json файлының SHA-256 мәні ұйымның сақтау журналына жазылады; оны шығару жазбасымен салыстырыңыз.',
  page: '{n}-бет, барлығы {m}',
  yes: 'иә',
  no: 'жоқ',
  'kind.file': 'Жүктелген файл',
  'kind.capture': 'Веб-сурет',
  'role.original': 'Түпнұсқа',
  'role.working': 'Жұмыс көшірмесі (метадеректерсіз)',
  'role.thumbnail': 'Шағын сурет',
  'role.screenshot': 'Беттің толық суреті',
  'role.html': 'Беттің алынған күйіндегі HTML',
  'role.mhtml': 'Бет мұрағаты (MHTML)',
  'role.capture_metadata': 'Суреттің метадеректері',
  'action.evidence.uploaded': 'Жүктелді',
  'action.evidence.captured': 'Сайттан түсірілді',
  'action.evidence.viewed': 'Қаралды',
  'action.evidence.downloaded': 'Жүктеп алынды',
  'action.evidence.exported': 'Шығарылды',
  'action.evidence.verified': 'Тексерілді',
  'action.evidence.timestamped': 'Уақыт белгісі алынды',
  'action.evidence.integrity_checked': 'Тұтастығы тексерілді',
  'action.evidence.deleted': 'Жойылды',
};

export const PACKAGE_MESSAGES: Record<Locale, PackageMessages> = { en, ru, kk };

/** The package text for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function packageMessage(
  locale: Locale,
  key: PackageMessageKey,
  params: Record<string, string | number> = {},
): string {
  return PACKAGE_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The label of a custody action, or the action itself when it is not one we know. */
export function custodyActionLabel(locale: Locale, action: string): string {
  const key = `action.${action}`;
  return key in en ? packageMessage(locale, key as PackageMessageKey) : action;
}
