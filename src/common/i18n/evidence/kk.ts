// The evidence screens of the staff app, Kazakh.
import type { FeatureMessages } from '../feature.ts';
import type { evidenceEn } from './en.ts';

export const evidenceKk: FeatureMessages<typeof evidenceEn> = {
  'evidence.title': 'Дәлелдер',
  'evidence.loading': 'Дәлелдер жүктеліп жатыр…',
  'evidence.none': 'Әзірге дәлел жоқ.',
  'evidence.listLabel': 'Дәлелдер',
  'evidence.keyFailed':
    'Бұл жазбаның дәлелдерін осы қойындыдағы ұйым кілтімен шифрдан шығару мүмкін емес.',
  'evidence.noOrgKey':
    'Дәлелдер шифрланған. Алдымен әкімші сізге ұйым кілтіне қол жеткізу құқығын беруі керек.',
  'evidence.unreadable': 'Шифрдан шығарылмайтын материал',
  'evidence.untitled': 'Атаусыз материал',
  'evidence.someone': 'қызметкер',
  'evidence.collected': '{who} қосты, {date}',
  'evidence.kind.file': 'Жүктелген файл',
  'evidence.kind.capture': 'Веб-беттің көшірмесі',
  'evidence.mismatchBadge': 'Түрі атауына сәйкес келмейді',
  'evidence.mismatchExplained':
    'Файлдың мазмұны оның атауына сәйкес келмейді (атауы немесе жіберуші {type} деп көрсеткен). Сақ болыңыз: файлдың атын қателесіп немесе әдейі өзгертуі мүмкін.',
  'evidence.showPreviews': 'Шағын суреттерді көрсету',
  'evidence.hidePreviews': 'Шағын суреттерді жасыру',
  'evidence.previewsHint':
    'Шағын суреттер осы браузерде шифрдан шығарылады. Әрқайсысы материалдың сақтау журналына қарау ретінде жазылады.',
  'evidence.previewFailed': 'Шағын сурет жоқ',
  'evidence.thumbnailOf': 'Шағын сурет: {title}',
  'evidence.backToIncident': '← Оқиғаға оралу',
  'evidence.backToCase': '← Іске оралу',
  'evidence.captureFacts': 'Не сақталды',

  'evidence.size.bytes': '{size} байт',
  'evidence.size.kilobytes': '{size} килобайт',
  'evidence.size.megabytes': '{size} мегабайт',
  'evidence.size.gigabytes': '{size} гигабайт',

  'evidence.role.original': 'Түпнұсқа (алынған күйінде)',
  'evidence.role.working': 'Жұмыс көшірмесі (метадеректерсіз)',
  'evidence.role.thumbnail': 'Шағын сурет',
  'evidence.role.screenshot': 'Бүкіл беттің скриншоты',
  'evidence.role.html': 'Сайт берген беттің HTML-і',
  'evidence.role.mhtml': 'Бет мұрағаты (MHTML)',
  'evidence.role.capture_metadata': 'Көшірме туралы мәліметтер (JSON)',

  'evidence.integrity.unchecked': 'Қойма әлі тексерілмеген',
  'evidence.integrity.intact': 'Қойма бүтін',
  'evidence.integrity.corrupt': 'Сақталған көшірме зақымдалған',
  'evidence.integrity.missing': 'Сақталған файл жоқ',

  'evidence.timestamp.none': 'Сенімді уақыт белгісі жоқ',
  'evidence.timestamp.stamped': 'Уақыт белгісі: {date}',

  'evidence.field.title': 'Қысқа атауы',
  'evidence.field.titleHint':
    'Мысалы, «WhatsApp-тағы қорқытудың скриншоты». Шифрланады. Бос қалдырсаңыз, файлдың атауы алынады.',
  'evidence.field.description': 'Материал туралы жазба',
  'evidence.field.descriptionHint':
    'Қайдан және қалай алынды, кім берді, онда не көрінеді. Шифрланады.',
  'evidence.field.obtainedAt': 'Қашан алынды',
  'evidence.field.obtainedAtHint': 'Материал алынған немесе жазылған күн, егер белгілі болса.',
  'evidence.field.kind': 'Түрі',
  'evidence.field.originalName': 'Файлдың бастапқы атауы',
  'evidence.field.type': 'Түрі (мазмұны бойынша)',
  'evidence.field.collected': 'Қосылды',
  'evidence.field.integrity': 'Сақталған көшірме',
  'evidence.field.timestamp': 'Сенімді уақыт',
  'evidence.field.manifestDigest': 'Хэш манифесінің SHA-256',

  'evidence.upload.title': 'Файл қосу',
  'evidence.upload.hint':
    'Кез келген файл: фото, бейне, дауыстық хабар, құжат. Ол жіберілмес бұрын осы браузерде шифрланады; сервер оның мазмұнын ешқашан көрмейді. Түпнұсқа дәл сол күйінде сақталады.',
  'evidence.upload.file': 'Қосылатын файл',
  'evidence.upload.empty': 'Бұл файл бос.',
  'evidence.upload.chooseFile': 'Алдымен файлды таңдаңыз.',
  'evidence.upload.mismatch':
    '«{name}» атауы мазмұнына сәйкес келмейді: бұл — {type}. Файл осы ескертумен бірге сол күйінде сақталады.',
  'evidence.upload.workingCopyNote':
    'Осы браузерде метадеректерсіз (орны, камера, күні) жұмыс көшірмесі мен шағын сурет жасалады. Түпнұсқа өз метадеректерін сақтайды.',
  'evidence.upload.submit': 'Шифрлап, жүктеу',
  'evidence.upload.retrying':
    'Байланыс үзілді. Қалпына келуін күтіп тұрмыз; жүктеу тоқтаған жерінен жалғасады.',
  'evidence.upload.cancel': 'Жүктеуді тоқтату',
  'evidence.upload.cancelled': 'Жүктеу тоқтатылды. Ештеңе сақталған жоқ.',
  'evidence.upload.done': 'Файл шифрланып, сақталды.',
  'evidence.upload.noWorkingCopy':
    'Бұл браузер жұмыс көшірмесін жасай алмады; тек түпнұсқа сақталды.',
  'evidence.upload.stamped': 'Сенімді уақыт белгісі қосылды.',
  'evidence.upload.stampLater':
    'Уақыт белгісі қызметі жауап бермеді; сервер кейінірек қайта тырысады.',
  'evidence.stage.preparing': 'Дайындалуда…',
  'evidence.stage.uploading': 'Шифрлау және жүктеу…',
  'evidence.stage.committing': 'Сақталуда…',
  'evidence.stage.timestamping': 'Сенімді уақыт белгісін сұрап жатырмыз…',

  'evidence.capture.title': 'Веб-бетті сақтау',
  'evidence.capture.hint':
    'Сервер жалпыға қолжетімді бетті өз браузерінде ашып, бүкіл беттің скриншотын, HTML-ін, бет мұрағатын, мекенжайын, сервер жауабын және сертификаттарын сақтайды — бәрі шифрланған күйде. Аккаунтқа кіруді талап ететін беттерді сақтамаңыз.',
  'evidence.capture.url': 'Беттің мекенжайы',
  'evidence.capture.urlInvalid': 'http:// немесе https:// деп басталатын мекенжай енгізіңіз',
  'evidence.capture.label': 'Қысқа атауы',
  'evidence.capture.submit': 'Бетті сақтау',
  'evidence.capture.working': 'Бетті сақтап жатырмыз… Бұл бір минутқа дейін созылуы мүмкін.',
  'evidence.capture.done': 'Бет сақталды.',
  'evidence.capture.requestedUrl': 'Сұралған мекенжай',
  'evidence.capture.finalUrl': 'Соңғы мекенжай',
  'evidence.capture.status': 'HTTP жауап коды',
  'evidence.capture.capturedAt': 'Сақталған уақыты',
  'evidence.capture.pageTitle': 'Беттің тақырыбы',
  'evidence.capture.tls': 'TLS сертификаты',
  'evidence.capture.tlsNone': 'Жоқ (http://)',
  'evidence.capture.tlsValid': 'Жарамды; {count} сертификаттан тұратын тізбек сақталды',
  'evidence.capture.tlsInvalid': 'Браузер оны қабылдамады',
  'evidence.capture.redirects': 'Қайта бағыттаулар',

  'evidence.files.title': 'Файлдар',
  'evidence.files.sha256': 'Файлдың SHA-256',
  'evidence.files.ciphertextSha256': 'Сақталған шифрлы көшірменің SHA-256',
  'evidence.files.view': 'Көрсету',
  'evidence.files.viewLabel': 'Көрсету: {role}',
  'evidence.files.download': 'Жүктеп алу',
  'evidence.files.downloadLabel': 'Жүктеп алу: {role}',
  'evidence.files.decrypting': 'Шифрдан шығарылуда…',
  'evidence.files.imageOf': 'Сурет: {role}',
  'evidence.files.hashMismatch':
    'Шифрдан шығарылған файл сақтау кезінде жазылған хэшке сәйкес келмейді.',
  'evidence.files.htmlWarning':
    'Сақталған веб-бет ашылғанда интернеттен деректер жүктеуі мүмкін. Оны тек желіге қосылмай ашыңыз.',

  'evidence.verify.title': 'Тексеру',
  'evidence.verify.hint':
    'Әр файлды осы браузерде шифрдан шығарып, SHA-256-ын қайта есептейді, хэш манифесі мен уақыт белгілерін тексереді және нәтижені сақтау журналына жазады.',
  'evidence.verify.button': 'Қазір тексеру',
  'evidence.verify.working': 'Тексеріп жатырмыз…',
  'evidence.verify.pass':
    'Тексерілді: барлық файлдар, хэш манифесі және уақыт белгілері сәйкес келеді.',
  'evidence.verify.fail': 'Тексеруден өтпеді. Төменде не сәйкес келмейтіні көрсетілген.',
  'evidence.verify.checkOk': 'сәйкес',
  'evidence.verify.manifest': 'Хэш манифесі',
  'evidence.verify.timestamp': 'Уақыт белгісі',

  'evidence.timestamps.title': 'Сенімді уақыт белгілері',
  'evidence.timestamps.none': 'Әзірге жоқ.',
  'evidence.timestamps.entry': '{date}, сериялық нөмірі {serial}, қызмет {tsa}',
  'evidence.timestamps.verified': 'сервер тексерді',
  'evidence.timestamps.notVerified': 'тексерілмеген',

  'evidence.custody.title': 'Сақтау журналы',
  'evidence.custody.hint':
    'Осы материалдың әр жүктелуі, қаралуы, жүктеп алынуы, экспорты, тексерілуі және уақыт белгісі — жалғандықтан қорғалған аудит журналынан.',
  'evidence.custody.show': 'Сақтау журналын көрсету',
  'evidence.custody.refresh': 'Сақтау журналын жаңарту',
  'evidence.custody.printTitle': 'Сақтау журналы: {title}',
  'evidence.custody.itemId': 'Материал нөмірі: {id}',
  'evidence.custody.generated': 'есеп жасалды: {date}',
  'evidence.custody.chainIntact': 'Аудит журналының тізбегі бүтін.',
  'evidence.custody.chainBroken':
    'Аудит журналының тізбегі бұзылған: журнал өзгертілген болуы мүмкін.',
  'evidence.custody.at': 'Қашан',
  'evidence.custody.action': 'Не',
  'evidence.custody.who': 'Кім',
  'evidence.custody.file': 'Қай файл',
  'evidence.custody.ciphertextSha256': 'Шифрлы көшірменің SHA-256',
  'evidence.custody.details': 'Толығырақ',
  'evidence.custody.system': 'сервердің өзі',
  'evidence.custody.action.uploaded': 'Жүктелді',
  'evidence.custody.action.captured': 'Бет сақталды',
  'evidence.custody.action.viewed': 'Қаралды',
  'evidence.custody.action.downloaded': 'Жүктеп алынды',
  'evidence.custody.action.exported': 'Экспортталды',
  'evidence.custody.action.verified': 'Тексерілді',
  'evidence.custody.action.timestamped': 'Уақыт белгісі қойылды',
  'evidence.custody.action.integrity_checked': 'Қойма тексерілді',
  'evidence.custody.action.deleted': 'Жойылды',

  'evidence.delete.button': 'Бұл материалды жою',
  'evidence.delete.question':
    'Сақталған файлдар мен олардың кілттері біржола жойылады; кейін жасалған сақтық көшірме оларды қайтара алмайды. Сақтау журналында жою туралы жазба қалады.',
  'evidence.delete.confirm': 'Біржола жою',

  'evidence.export.title': 'Дәлелдер пакеті',
  'evidence.export.hint':
    'Сотқа, прокуратураға немесе министрлікке арналған ZIP: таңдалған материалдардың түпнұсқалары мен жұмыс көшірмелері, барлық хэштер жазылған манифест, уақыт белгілері, әр материалдың сақтау журналы және PDF түйіндеме. Ол осы браузерде жиналады; кез келген адам оны «qorgan evidence verify» командасымен тексере алады.',
  'evidence.export.none': 'Бұл істе әзірге дәлел жоқ.',
  'evidence.export.items': 'Қандай материалдарды қосу керек',
  'evidence.export.language': 'Түйіндеменің тілі',
  'evidence.export.includeDescriptions': 'Қызметкерлер жазған сипаттамаларды қосу',
  'evidence.export.includeDescriptionsHint':
    'Оларда адамдардың аттары немесе орындар болуы мүмкін. Алушыға қажет болмаса, қоспаңыз.',
  'evidence.export.button': 'Пакетті жинап, сақтау',
  'evidence.export.working': 'Пакетті жинап жатырмыз… {percent}%',
  'evidence.export.chooseItems': 'Кемінде бір материалды таңдаңыз.',
  'evidence.export.done': '«{name}» пакеті сақталды.',
  'evidence.export.digest': 'Оның манифесінің SHA-256: {digest}',
  'evidence.export.unreadable': 'шифрдан шығару мүмкін емес',
};
