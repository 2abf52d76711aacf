// The public pages in English. Keys are flat, dotted by page; `{name}` is a placeholder.
// ru.ts and kk.ts must define every key (typed as PublicMessages, and tested).
// Written for a frightened person on a phone: short sentences, plain words, no jargon.
export const en = {
  'layout.quickExit': 'Quick exit',
  'layout.languages': 'Language',
  'layout.skip': 'Skip to the main content',
  'layout.footer': 'Everything you write here is stored encrypted.',

  'unit.megabytes': '{n} MB',
  'field.choose': '— Choose —',
  'field.optional': 'optional',
  'field.required': 'required',
  'field.sealed': 'Encrypted: only the organisation can read it.',

  'orgs.title': 'Report what happened',
  'orgs.intro':
    'Choose the organisation you want to tell. Only the staff of that organisation will be able to read your report.',
  'orgs.none': 'No organisation on this site is accepting reports at the moment.',
  'orgs.listLabel': 'Organisations that accept reports',
  'orgs.returnTitle': 'Already sent a report?',
  'orgs.returnLink': 'Come back to it with your codename',

  'notFound.title': 'Page not found',
  'notFound.body':
    'No organisation at this address is accepting reports. The link may be wrong or out of date.',
  'notFound.back': 'See the organisations that accept reports',

  'report.title': 'Tell {organisation} what happened',
  'report.lead':
    'You do not have to give your name. Take your time: only one question is required.',
  'report.whoReads.title': 'Who will read it',
  'report.whoReads.body':
    'Only the staff of {organisation}. Your report is encrypted before it is stored: the server that keeps it cannot read it, and nor can anyone who takes the server.',
  'report.whatDone.title': 'What will and will not be done',
  'report.whatDone.consent':
    'Nothing you write is shared with anyone or published without your consent. Below, you choose what you would like the organisation to do.',
  'report.whatDone.statistics':
    'Statistics count incidents, never people. They never show anything that could identify you.',
  'report.safety.title': 'How to stay safe',
  'report.safety.private':
    'Use a private (incognito) window, so that the browser does not keep this page in its history.',
  'report.safety.codename':
    'After sending you will get a codename. If someone else checks your phone, do not keep it there: write it down and hide it, or learn it by heart.',
  'report.safety.exit':
    'If someone comes in, press “Quick exit” at the top of the page (or the Esc key). It opens a weather page at once.',
  'report.formTitle': 'Your report',
  'report.formNote': 'Only “What happened?” is required. Skip anything you do not want to answer.',
  'report.submit': 'Send the report',
  'report.submitNote':
    'Nothing is sent until you press this button. After sending you will get a codename.',

  'form.reporterRole': 'Who are you in this story?',
  'form.incidentTypes': 'What happened?',
  'form.incidentTypes.hint': 'Choose everything that applies.',
  'form.when': 'When did it happen?',
  'form.when.hint': 'Tell us as much as you remember.',
  'form.dateYear': 'Year',
  'form.dateYear.hint': 'For example, 2025',
  'form.dateMonth': 'Month',
  'form.dateDay': 'Day',
  'form.where': 'Where did it happen?',
  'form.oblast': 'Region (or Astana, Almaty, Shymkent)',
  'form.city': 'Town or village',
  'form.city.hint': 'Not the exact address.',
  'form.placeType': 'What kind of place',
  'form.onlinePlatform': 'If it happened online: where?',
  'form.exactPlace': 'Exact place',
  'form.exactPlace.hint': 'A street, a building, a venue.',
  'form.perpetrators': 'Who did it?',
  'form.perpetrators.hint': 'Choose everything that applies.',
  'form.bias': 'Why do you think it happened because of who you are?',
  'form.bias.hint': 'Or because of who they thought you are. Choose everything that applies.',
  'form.biasDetails': 'Anything to add, for example the words they used',
  'form.police': 'The police',
  'form.reportedToPolice': 'Did you, or someone else, tell the police?',
  'form.policeResponse': 'If yes: what did the police do?',
  'form.policeDetails': 'If yes: anything else about the police',
  'form.notReported': 'If not: why not?',
  'form.wishes': 'What would you like the organisation to do?',
  'form.wishes.hint':
    'The organisation records these choices and follows them. You can change your mind later in a message.',
  'form.contact': 'How can the organisation reach you, if at all?',
  'form.contact.hint':
    'Only if you want to be contacted. Choose a way that nobody else can see: not a shared phone, and not a messenger account your family or partner can open. You can leave this empty and read replies with your codename instead.',
  'form.narrative': 'What happened, in your own words',
  'form.narrative.hint': 'Write as much or as little as you want.',
  'form.files': 'Files',
  'form.files.label': 'Photos, screenshots, documents, recordings',
  'form.files.hint':
    'Up to {count} files, each at most {size}. In the copy staff see, photos have no location or phone details (metadata).',
  'form.keepMetadata': 'Also keep the original photos, with their metadata, as evidence',
  'form.keepMetadata.hint':
    'Metadata can show where and when a photo was taken, and with which phone. That can help prove what happened, but it also shows where you were. The original is stored encrypted too.',

  'errors.title': 'Please check the form',
  'errors.typedAgain':
    'What you wrote and your files were encrypted on this device before sending, so they cannot be shown here again. Your other answers are kept: write your account again and choose the files again.',
  'errors.filesAgain':
    'For your safety, files are not kept when the form is sent back: choose them again before sending.',
  'error.incident_types_required': 'Choose at least one answer under “What happened?”.',
  'error.invalid_choice': 'Choose one of the answers in the list.',
  'error.date_incomplete':
    'Fill in the parts of the date you chose (year, month, day), or choose “I don’t remember”.',
  'error.date_in_future': 'This date is in the future. Check the year, month and day.',
  'error.too_long': 'This is too long: at most {max} characters.',
  'error.form_expired':
    'This form was open for too long, so it has expired. Your answers are still here: check them and send again.',
  'error.form_invalid':
    'This form could not be checked. Your answers are still here: send it again.',
  'error.rate_limited':
    'Too many forms were sent from here in a short time. Your answers are still here: wait {minutes} min and send again.',
  'error.busy':
    'This site is receiving a lot right now. Your answers are still here: wait a minute and send again.',
  'error.save_failed':
    'Something went wrong on our side, and nothing was saved. Your answers are still here: try again in a minute.',
  'error.bad_form': 'The form could not be read. Please send it again.',
  'error.too_many_files': 'You can send at most {count} files at once.',
  'error.file_too_large': '“{name}” is larger than {size}. Choose a smaller file or leave it out.',
  'error.file_empty': '“{name}” is empty. Choose another file.',
  'error.file_type_mismatch':
    'The content of “{name}” does not match its type. Choose another file.',
  'error.file_type_not_allowed':
    'Files like “{name}” cannot be accepted. Send photos, videos, audio recordings, PDF, Word or text files.',
  'error.file_not_encrypted': '“{name}” could not be read. Choose it again.',
  'error.image_unreadable': 'The photo “{name}” could not be read. It may be damaged.',
  'error.message_empty': 'Write a message or add a file.',

  'receipt.title': 'Your report has been received',
  'receipt.lead': 'Thank you for telling {organisation}. This is your codename:',
  'receipt.codenameLabel': 'Your codename',
  'receipt.onlyOnce':
    'It is shown only this once. Nobody can show it to you again, not even the organisation.',
  'receipt.keep.title': 'Keep it safe',
  'receipt.keep.paper': 'Write it on paper and keep it where nobody looks, or learn it by heart.',
  'receipt.keep.phone':
    'Do not keep it on a phone that others can check: not in notes, messages or screenshots.',
  'receipt.keep.anyone': 'Anyone who has the codename can read the replies and write as you.',
  'receipt.back.title': 'How to come back',
  'receipt.back.body':
    'Open this address and enter the codename. There you can see what is happening with your report, read the replies and answer them:',
  'receipt.close':
    'When you are done, close this window. If it was not a private window, clear the browsing history.',

  'return.title': 'Come back to your report',
  'return.lead': 'Enter the codename you got when you sent your report: eight English words.',
  'return.codename': 'Codename',
  'return.codename.hint':
    'Capital letters, spaces and hyphens do not matter. The first four letters of each word are enough.',
  'return.submit': 'Open my report',
  'return.cookieNote':
    'Opening your report makes the browser remember you for this visit only. This is forgotten when you sign out or close the browser.',
  'return.newReport': 'Send a new report instead',
  'return.ended': 'Your session has ended. Enter your codename again.',
  'return.signedOut':
    'You have signed out. Close this window. If it was not a private window, clear the browsing history.',
  'return.formatError':
    'A codename is eight English words. You typed {count}. Check what you typed.',
  'return.unknownWord':
    'Some words are not in the codename list. Check the spelling: the words are English.',
  'return.rateLimited': 'Too many attempts from here. Wait {minutes} min and try again.',
  'return.notFound.title': 'No report found',
  'return.notFound.body': 'We found no report with this codename. Check the words and try again.',

  'view.title': 'Your report',
  'view.reference': 'Reference: {reference}',
  'view.referenceHint':
    'If you talk to the organisation, this reference tells them which report is yours.',
  'view.status': 'Status',
  'view.status.received': 'Received',
  'view.status.received.detail': 'The organisation has your report and will read it soon.',
  'view.status.in_progress': 'Being worked on',
  'view.status.in_progress.detail': 'Someone at the organisation is working on your report.',
  'view.status.closed': 'Closed',
  'view.status.closed.detail':
    'The organisation has finished working on this report. You can still write to them.',
  'view.messages': 'Messages',
  'view.messages.none': 'No messages yet. When the organisation replies, you will read it here.',
  'view.message.you': 'You',
  'view.message.files': 'Files attached: {count}',
  'view.message.unreadable': 'This message could not be opened.',
  'view.sent': 'Your message has been sent.',
  'view.reply': 'Write to the organisation',
  'view.reply.body': 'Message',
  'view.reply.body.hint':
    'Encrypted: only the organisation and you, with the codename, can read it.',
  'view.reply.files.hint': 'Up to {count} files, each at most {size}.',
  'view.reply.submit': 'Send the message',
  'view.signOut': 'Sign out',
  'view.signOut.hint':
    'Sign out when you are done, so that nobody else using this browser can open your report.',

  'problem.title': 'This did not work',
  'problem.body':
    'The form could not be read, or it was not sent from this site. Go back and send it again.',
  'problem.serverBody':
    'Something went wrong on our side, and nothing was saved. Please try again in a few minutes.',
  'problem.back': 'Go to the list of organisations',
  'return.unsent': 'Your message was not sent. Copy it, then sign in again with your codename:',

  'month.1': 'January',
  'month.2': 'February',
  'month.3': 'March',
  'month.4': 'April',
  'month.5': 'May',
  'month.6': 'June',
  'month.7': 'July',
  'month.8': 'August',
  'month.9': 'September',
  'month.10': 'October',
  'month.11': 'November',
  'month.12': 'December',
} as const;

export type PublicMessageKey = keyof typeof en;
export type PublicMessages = Readonly<Record<PublicMessageKey, string>>;
