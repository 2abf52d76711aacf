// The one e-mail Qorgan sends: "there is something new, sign in". It must not out the
// recipient to whoever else reads their inbox (a partner, a family member, someone who
// took their phone), so it names no organisation, no report, no reference, no product, and
// nothing about what arrived. The subject and body are the same for every notification.
import type { Locale } from '../../common/api/accounts.ts';
import type { MailMessage } from './mailer.ts';

interface Wording {
  subject: string;
  /** `{link}` is replaced by the sign-in address. */
  body: string;
}

export const NOTIFICATION_EMAIL: Readonly<Record<Locale, Wording>> = {
  en: {
    subject: 'New notification',
    body: [
      'Hello,',
      '',
      'There is something new for you. Sign in to see it:',
      '{link}',
      '',
      'This message was sent automatically. You can turn these e-mails off in your account settings.',
    ].join('\n'),
  },
  ru: {
    subject: 'Новое уведомление',
    body: [
      'Здравствуйте!',
      '',
      'Для вас есть что-то новое. Войдите, чтобы посмотреть:',
      '{link}',
      '',
      'Это письмо отправлено автоматически. Отключить такие письма можно в настройках учётной записи.',
    ].join('\n'),
  },
  kk: {
    subject: 'Жаңа хабарландыру',
    body: [
      'Сәлеметсіз бе!',
      '',
      'Сізге жаңа бір нәрсе бар. Көру үшін жүйеге кіріңіз:',
      '{link}',
      '',
      'Бұл хат автоматты түрде жіберілді. Мұндай хаттарды тіркелгі баптауларында өшіруге болады.',
    ].join('\n'),
  },
};

/** The sign-in address of the staff app: the origin only, no path that names a report. */
export function appLink(publicOrigin: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/app/`;
}

export function notificationEmail(options: {
  to: string;
  locale: Locale;
  publicOrigin: string;
}): MailMessage {
  const wording = NOTIFICATION_EMAIL[options.locale];
  return {
    to: options.to,
    subject: wording.subject,
    text: wording.body.replace('{link}', appLink(options.publicOrigin)),
  };
}
