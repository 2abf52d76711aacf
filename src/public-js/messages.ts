// What the script itself says, in the page's language (<html lang>). The server-rendered
// pages carry every other text; these are only the messages that appear before anything
// is sent. The file wording follows the server's own messages, so both paths read alike.

export type Lang = 'ru' | 'kk' | 'en';

const EN = {
  file_too_large:
    '“{name}” is {actual}, larger than {size}. Choose a smaller file or leave it out.',
  file_empty: '“{name}” is empty. Choose another file.',
  file_type_mismatch:
    'The content of “{name}” does not match its type. Choose another file, or give the file back its real name ending (.jpg, .pdf…).',
  file_type_not_allowed:
    'Files like “{name}” cannot be accepted. Send photos, videos, audio recordings, PDF, Word or text files.',
  too_many_files:
    'You chose {chosen} files; at most {count} can be sent at once. Choose fewer: you can add the others later with your codename.',
  fix_files: 'Fix the problem with the files before sending. Nothing has been sent yet.',
  encrypting: 'Encrypting on this device… Please keep this page open.',
  encrypting_file: 'Encrypting file {n} of {total} on this device… Please keep this page open.',
  sending: 'Sending…',
  megabytes: '{n} MB',
} as const;

export type MessageKey = keyof typeof EN;

const RU: Record<MessageKey, string> = {
  file_too_large:
    'Файл «{name}» весит {actual} — это больше {size}. Выберите файл поменьше или не прикладывайте его.',
  file_empty: 'Файл «{name}» пустой. Выберите другой файл.',
  file_type_mismatch:
    'Содержимое файла «{name}» не совпадает с его типом. Выберите другой файл или верните файлу его настоящее окончание (.jpg, .pdf…).',
  file_type_not_allowed:
    'Такие файлы, как «{name}», принять нельзя. Отправляйте фото, видео, аудиозаписи, PDF, документы Word или текстовые файлы.',
  too_many_files:
    'Выбрано файлов: {chosen}, а за один раз можно отправить не больше {count}. Выберите меньше — остальные можно добавить позже по кодовой фразе.',
  fix_files: 'Исправьте ошибку с файлами перед отправкой. Пока ничего не отправлено.',
  encrypting: 'Шифруем на этом устройстве… Не закрывайте страницу.',
  encrypting_file: 'Шифруем файл {n} из {total} на этом устройстве… Не закрывайте страницу.',
  sending: 'Отправляем…',
  megabytes: '{n} МБ',
};

const KK: Record<MessageKey, string> = {
  file_too_large:
    '«{name}» файлының көлемі — {actual}, бұл {size} мөлшерінен үлкен. Кішірек файл таңдаңыз немесе оны тіркемеңіз.',
  file_empty: '«{name}» файлы бос. Басқа файл таңдаңыз.',
  file_type_mismatch:
    '«{name}» файлының мазмұны оның түріне сәйкес келмейді. Басқа файл таңдаңыз немесе файлға шын кеңейтімін (.jpg, .pdf…) қайтарыңыз.',
  file_type_not_allowed:
    '«{name}» сияқты файлдарды қабылдау мүмкін емес. Фото, бейне, аудиожазба, PDF, Word құжаттарын немесе мәтіндік файлдарды жіберіңіз.',
  too_many_files:
    'Сіз {chosen} файл таңдадыңыз, ал бір жолы {count} файлдан артық жіберуге болмайды. Азырақ таңдаңыз: қалғанын кейін кодтық фраза арқылы қосуға болады.',
  fix_files: 'Жіберер алдында файлдарға қатысты мәселені түзетіңіз. Әзірге ештеңе жіберілген жоқ.',
  encrypting: 'Осы құрылғыда шифрланып жатыр… Бетті жаппаңыз.',
  encrypting_file: '{total} файлдың {n}-сі осы құрылғыда шифрланып жатыр… Бетті жаппаңыз.',
  sending: 'Жіберілуде…',
  megabytes: '{n} МБ',
};

const TABLES: Record<Lang, Record<MessageKey, string>> = { en: EN, ru: RU, kk: KK };

/** The page's language; the server always sets <html lang>. */
export function pageLang(doc: Document = document): Lang {
  const lang = doc.documentElement.lang.toLowerCase().slice(0, 2);
  return lang === 'ru' || lang === 'kk' ? lang : 'en';
}

export function translate(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A size in megabytes as the server's pages write it: a whole number from 10 MB up. */
export function megabytes(lang: Lang, bytes: number, exact = false): string {
  const mb = bytes / (1024 * 1024);
  // One decimal for a file's own size: "100.4 MB" over a "100 MB" limit must not read "100 MB".
  const n = exact || mb < 10 ? Math.round(mb * 10) / 10 : Math.floor(mb);
  return translate(lang, 'megabytes', { n });
}
