// English: the reference catalogue. Its keys define the catalogue; ru and kk must have
// every one of them (a missing key is a compile error). See index.ts for plurals.
import { mergeCatalogues } from './feature.ts';
import { casesEn } from './cases/en.ts';
import { evidenceEn } from './evidence/en.ts';
import { monitoringEn } from './monitoring/en.ts';
import { recordsEn } from './records/en.ts';

export const en = mergeCatalogues(recordsEn, casesEn, evidenceEn, monitoringEn, {
  'language.label': 'Language',

  'common.skipToContent': 'Skip to content',
  'common.loading': 'Loading…',
  'common.sending': 'Sending…',
  'common.saving': 'Saving…',
  'common.derivingKeys': 'Deriving keys from your password… This can take a few seconds.',
  'common.tryAgain': 'Try again',
  'common.cancel': 'Cancel',
  'common.done': 'Done',
  'common.save': 'Save',
  'common.copy': 'Copy',
  'common.copied': 'Copied.',
  'common.copyManually':
    'Copying is blocked in this browser. The text is selected: copy it by hand.',
  'common.print': 'Print',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.on': 'On',
  'common.off': 'Off',
  'common.hiddenWhileLocked': 'hidden while the keys are locked',

  'nav.label': 'Main',
  'nav.menu': 'Menu',
  'nav.overview': 'Overview',
  'nav.reports': 'Reports',
  'nav.members': 'Members',
  'nav.organisation': 'Organisation',
  'nav.keys': 'Key status',
  'nav.audit': 'Audit log',
  'nav.account': 'My account',
  'nav.lock': 'Lock',
  'nav.unlock': 'Unlock',
  'nav.signOut': 'Sign out',

  'lock.banner': 'The keys are locked in this tab: names and other protected data are hidden.',
  'lock.bannerAction': 'Unlock',

  'field.email': 'E-mail',
  'field.password': 'Password',
  'field.currentPassword': 'Current password',
  'field.newPassword': 'New password',
  'field.confirmPassword': 'Repeat the password',
  'field.displayName': 'Name shown to colleagues',
  'field.displayNameHint':
    'It can be a first name or a nickname. It is encrypted: only members of the organisation can read it.',
  'field.organisationName': 'Organisation name',
  'field.slug': 'Short address of the organisation',
  'field.defaultLocale': 'Default language of the organisation',
  'field.role': 'Role',

  'form.languageNote':
    'Your account will use the language chosen at the top of the page: {language}.',

  'password.rule':
    'At least {min} characters. A few unrelated words are easier to remember than a jumble of symbols.',
  'password.tooShort': 'The password is too short: use at least {min} characters.',
  'password.mismatch': 'The two passwords do not match.',
  'password.sameAsCurrent': 'The new password is the same as the current one.',
  'password.title': 'Password',
  'password.intro':
    'Your password protects your encryption key; nobody, not even an admin, can reset it. After a change, you stay signed in here and every other device is signed out.',
  'password.locked': 'To change the password, unlock the keys first.',
  'password.currentWrong': 'The current password is not right.',
  'password.submit': 'Change password',
  'password.changed': 'The password was changed. Every other device was signed out.',

  'validation.emailRequired': 'Enter your e-mail address.',
  'validation.emailInvalid': 'Enter a valid e-mail address, such as name@example.org.',
  'validation.displayNameRequired': 'Enter a name your colleagues will see.',
  'validation.tooLong': 'Too long: at most {max} characters.',
  'validation.organisationNameRequired': 'Enter the name of the organisation.',
  'validation.slug':
    'Use 2 to 63 characters: Latin letters a–z, digits and hyphens, starting with a letter or digit.',
  'validation.totpCode': 'Enter the 6-digit code from the app.',
  'validation.recoveryCode': 'Enter a recovery code exactly as it was printed.',

  'role.admin': 'Admin',
  'role.coordinator': 'Coordinator',
  'role.case_worker': 'Case worker',
  'role.lawyer': 'Lawyer',
  'role.monitor': 'Monitor',
  'role.viewer': 'Viewer',

  'memberStatus.pending': 'Waiting for approval',
  'memberStatus.active': 'Active',
  'memberStatus.disabled': 'Disabled',

  'invitationState.open': 'Open',
  'invitationState.used': 'Used',
  'invitationState.expired': 'Expired',
  'invitationState.revoked': 'Withdrawn',

  'error.network': 'The server could not be reached. Check the connection and try again.',
  'error.badResponse':
    'The server sent an answer this page does not understand. Reload the page; if it happens again, tell your admin.',
  'error.internal': 'Something went wrong on the server. Nothing was changed.',
  'error.internalWithReference':
    'Something went wrong on the server. Nothing was changed. Reference for your admin: {reference}.',
  'error.unexpected': 'Something went wrong in this page. Reload it and try again.',
  'error.decryption': 'A key or an encrypted value could not be opened.',
  'error.sessionEnded': 'Your session has ended. Sign in again.',
  'error.tooManyAttempts':
    'Too many failed attempts on this account. Wait a few minutes and try again.',
  'error.invitationInvalid':
    'This invitation link was already used, has expired or was withdrawn. Ask your admin for a new one.',
  'error.setupLinkInvalid':
    'This setup link is no longer valid. Restart the server to print a new one.',
  'error.alreadySetUp': 'This server is already set up. Sign in instead.',
  'error.emailTaken': 'An account with this e-mail already exists on this server.',
  'error.lastAdmin': 'This is the only active admin. Make someone else admin first.',
  'error.notPending': 'This member is no longer waiting for approval.',
  'error.self': 'You cannot do this to your own account.',
  'error.totpEnabled': 'Two-factor sign-in is already on.',
  'error.totpNotStarted': 'Start the two-factor setup again.',
  'error.totpOff': 'Two-factor sign-in is not on.',
  'error.wrongCode':
    'That code is not right. Check that the time on your phone is correct and enter the current code.',
  'error.forbidden': 'Your role does not allow this.',
  'error.notFound': 'Not found: it may have been removed, or the link is wrong.',
  'error.duplicateOfUnknown': 'The report it repeats was not found. Choose another.',
  'error.duplicateOfDuplicate': 'That report is itself a duplicate. Choose the report it repeats.',
  'error.invalidAssignee':
    'This person cannot be given reports: choose an active member whose role may read them.',
  'error.crossSite': 'The request was refused because it did not come from this site.',
  'error.recoveryRejected': 'The recovery key does not match this organisation.',

  'offline.title': 'No connection',
  'notFound.title': 'Page not found',
  'notFound.text': 'There is no page at this address.',
  'notFound.home': 'Go to the overview',
  'forbidden.title': 'Not available',
  'forbidden.text': 'Your role does not give access to this page.',

  'login.title': 'Sign in',
  'login.submit': 'Sign in',
  'login.passwordRequired': 'Enter your password.',
  'login.wrongCredentials': 'Wrong e-mail or password.',
  'login.checking': 'Checking…',
  'login.opening': 'Opening your keys…',
  'login.needsSetup':
    'This server is not set up yet. Open the one-time setup link printed on the server console.',
  'login.noticeExpired': 'Your session has ended. Sign in again.',
  'login.noticeSignedOut': 'You have signed out. The keys were removed from this tab.',
  'login.noticeSessionEnded': 'You ended the session on this device.',
  'login.helpTitle': 'Cannot sign in?',
  'login.forgotPassword':
    'A forgotten password cannot be reset, because it protects your encryption key. Ask an admin for a new invitation.',
  'login.adminLostAccess': 'An admin who lost access can use the organisation recovery key.',
  'login.recoverLink': 'Recover with the recovery key',
  'login.totpTitle': 'Two-factor sign-in',
  'login.totpIntro': 'Open your authenticator app and enter the current 6-digit code for Qorgan.',
  'login.recoveryIntro':
    'Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each code works once.',
  'login.code': 'Code from the app',
  'login.codeHint': 'A new code appears every 30 seconds.',
  'login.recoveryCode': 'Recovery code',
  'login.confirm': 'Confirm',
  'login.useRecoveryCode': 'Use a recovery code instead',
  'login.useAuthenticator': 'Use the code from the app',
  'login.startAgain': 'Start again',
  'login.codeRejected':
    'The code was not accepted. Each code works once: wait for the next one and try again, and check the time on your phone.',
  'login.recoveryCodeRejected': 'This recovery code is not valid or was already used.',
  'login.challengeExpired': 'The sign-in step expired. Enter your password again.',

  'unlock.title': 'Unlock your keys',
  'unlock.intro':
    'You are still signed in, but the keys are not in this tab (they are never stored on the device). Enter your password to unlock them.',
  'unlock.submit': 'Unlock',
  'unlock.wrongPassword': 'Wrong password: the key could not be unlocked.',
  'unlock.keyMismatch':
    'Your key does not match the one the server has for your account. Do not continue; tell your admin.',
  'unlock.continueLocked': 'Continue without unlocking',
  'unlock.continueLockedHint':
    'Without unlocking you can move around, but names and other protected data stay hidden.',

  'setup.title': 'Set up Qorgan',
  'setup.intro':
    'Create the organisation and the first admin account. The encryption keys are created in this browser; the server receives only encrypted data.',
  'setup.noToken':
    'This page needs the one-time setup link printed on the server console. Copy the whole link, including the part after #.',
  'setup.alreadySetUp': 'This server is already set up.',
  'setup.goToLogin': 'Go to sign-in',
  'setup.organisationLegend': 'Organisation',
  'setup.adminLegend': 'Your admin account',
  'setup.slugHint':
    'Latin letters, digits and hyphens, for example almaty-support. You will need it together with the recovery key.',
  'setup.defaultLocaleHint':
    'Used for public pages and for new members until they choose their own.',
  'setup.creatingKeys': 'Creating keys… This can take a few seconds.',
  'setup.submit': 'Create the organisation',
  'setup.recoveryTitle': 'Your recovery key',
  'setup.recoveryWarning':
    'These 24 words are shown only once and cannot be shown again. With them, an admin who lost the password can get back in. Anyone who has them can read the organisation’s data. Do not reload or close this page until you have stored them.',
  'setup.recoveryWordsHeading': 'Recovery key: 24 words',
  'setup.recoveryPrintNote':
    'Qorgan recovery key of “{organisation}” (short address: {slug}). Keep this sheet offline, in a safe place.',
  'setup.recoveryHowToKeep':
    'Write the words down on paper or print them, and keep them offline, in a safe place away from your devices. Do not photograph them and do not store them in a chat or cloud.',
  'setup.storedConfirm': 'I have written the 24 words down or stored them offline',
  'setup.storedRequired':
    'Confirm that you have stored the recovery key; it cannot be shown again.',
  'setup.continue': 'Continue',

  'invite.title': 'Join the organisation',
  'invite.noToken':
    'This invitation link is incomplete. Open the whole link you received, including the part after #.',
  'invite.intro': 'You are invited to join {organisation} as {role}.',
  'invite.expires': 'The invitation is valid until {date}.',
  'invite.privacy':
    'Your e-mail and name are encrypted in this browser before they are sent. Your password never leaves this device.',
  'invite.creatingKeys': 'Creating your keys… This can take a few seconds.',
  'invite.submit': 'Create my account',

  'waiting.title': 'Waiting for approval',
  'waiting.intro':
    'You have joined {organisation} as {role}. An admin has to approve you before you can see the organisation’s data.',
  'waiting.fingerprintTitle': 'Your key fingerprint',
  'waiting.fingerprintText':
    'Read these characters to your admin by phone or in person, not through the channel the invitation came by. The admin compares them before approving you; this proves that nobody replaced your key.',
  'waiting.check': 'Check again',
  'waiting.stillPending': 'Not approved yet. This page also checks by itself.',

  'totp.title': 'Two-factor sign-in',
  'totp.statusOn': 'On',
  'totp.statusOff': 'Off',
  'totp.onText': 'Signing in needs your password and a code from your authenticator app.',
  'totp.offText':
    'With two-factor sign-in, a stolen password alone is not enough to get into your account. You need an authenticator app on your phone (for example Aegis, FreeOTP or Google Authenticator).',
  'totp.setUp': 'Set up two-factor sign-in',
  'totp.stepScan': 'Scan this QR code with your authenticator app.',
  'totp.qrLabel': 'QR code for the authenticator app',
  'totp.stepType': 'Or type this key into the app by hand:',
  'totp.stepCode': 'Enter the 6-digit code the app now shows.',
  'totp.code': 'Code from the app',
  'totp.enable': 'Turn on',
  'totp.codesWarning':
    'Two-factor sign-in is on. Store these recovery codes now: they are shown only once. Each one lets you sign in once if you lose your phone.',
  'totp.codesHeading': 'Recovery codes',
  'totp.codesStored': 'I have stored the recovery codes in a safe place',
  'totp.codesStoredRequired':
    'Confirm that you have stored the recovery codes; they cannot be shown again.',
  'totp.enabledNotice': 'Two-factor sign-in is on.',
  'totp.turnOff': 'Turn off two-factor sign-in',
  'totp.disableIntro': 'To turn two-factor sign-in off, enter the current code from your app.',
  'totp.disable': 'Turn off',
  'totp.disabledNotice': 'Two-factor sign-in is off.',

  'sessions.title': 'Where you are signed in',
  'sessions.intro': 'End any session you do not recognise, then change your password.',
  'sessions.current': 'This device',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.started': 'Signed in',
  'sessions.lastSeen': 'Last active',
  'sessions.end': 'End session',
  'sessions.endCurrent': 'Sign out here',
  'sessions.endLabel': 'End the session on {device} started {date}',
  'sessions.endCurrentLabel': 'End the session on this device and sign out',

  'account.title': 'My account',
  'account.details': 'About me',
  'account.languageNote':
    'The language you choose at the top of the page is remembered for your account.',

  'overview.signedInAs': 'You are signed in as {name}, {role}.',
  'overview.role': 'Your role: {role}.',
  'overview.noOrgKey':
    'You do not hold the organisation key yet, so protected data stays hidden. Ask an admin.',
  'overview.totpRequired': 'Your organisation requires two-factor sign-in.',
  'overview.totpRequiredAction': 'Turn it on in My account',
  'overview.awaiting_one': '{count} person is waiting for approval.',
  'overview.awaiting_other': '{count} people are waiting for approval.',
  'overview.awaitingAction': 'Open members',
  'overview.whereTo': 'Go to',

  'organisation.title': 'Organisation settings',
  'organisation.requireTotp': 'Require two-factor sign-in for all members',
  'organisation.requireTotpHint':
    'Until they turn it on, members without it can only manage their own account.',
  'organisation.slugNote':
    'Short address: {slug}. It cannot be changed; it is needed together with the recovery key.',
  'organisation.saved': 'Saved.',
  'organisation.unchanged': 'Nothing was changed.',

  'members.title': 'Members',
  'members.pendingTitle_one': '{count} person waiting for approval',
  'members.pendingTitle_other': '{count} people waiting for approval',
  'members.allTitle': 'All members',
  'members.you': 'you',
  'members.lockedName': 'Locked ({id})',
  'members.unknownName': 'Name cannot be read ({id})',
  'members.status': 'Status',
  'members.twoFactor': 'Two-factor sign-in',
  'members.joined': 'Joined',
  'members.fingerprint': 'Key fingerprint',
  'members.fingerprintDiffers':
    'The server shows a different fingerprint for this key than this browser computes. Do not approve; tell the other admins.',
  'members.noGrant': 'This member does not hold the organisation key.',
  'members.approve': 'Approve',
  'members.approveLabel': 'Approve {name}',
  'members.approveTitle': 'Approve {name}',
  'members.approveIntro':
    'Call {name} or meet in person, and ask them to read the fingerprint shown on their screen. Compare every character with this one:',
  'members.approveConfirm': 'The fingerprint {name} reads to me is exactly the same',
  'members.approveConfirmRequired': 'Compare the fingerprints first and confirm that they match.',
  'members.approveMismatch':
    'If even one character differs, do not approve: someone may have replaced the key. Withdraw the invitation and tell the other admins.',
  'members.approveSubmit': 'Approve and share the organisation key',
  'members.approved': '{name} is approved and can now open the organisation’s data.',
  'members.roleOf': 'Role of {name}',
  'members.saveRole': 'Change role',
  'members.roleChanged': 'The role of {name} was changed.',
  'members.disable': 'Disable access',
  'members.disableLabel': 'Disable access for {name}',
  'members.disableConfirm':
    '{name} will be signed out everywhere and will not be able to sign in again. Their work stays in the organisation.',
  'members.disableSubmit': 'Disable',
  'members.disabled': 'Access for {name} was disabled.',
  'members.unlockToApprove': 'To approve, unlock the keys first.',

  'invitations.title': 'Invitations',
  'invitations.intro':
    'An invitation is a one-time link. The person opens it, creates an account, and then waits for an admin to approve them.',
  'invitations.role': 'Role for the new member',
  'invitations.create': 'Create an invitation link',
  'invitations.createdTitle': 'Invitation link for a new {role}',
  'invitations.link': 'Invitation link',
  'invitations.linkAdvice':
    'It is shown only now. Send it through a channel you trust (for example, Signal with disappearing messages), not through ordinary e-mail or social networks. It works once, until {date}.',
  'invitations.listTitle': 'Recent invitations',
  'invitations.none': 'No invitations yet.',
  'invitations.created': 'Created',
  'invitations.expires': 'Valid until',
  'invitations.revoke': 'Withdraw',
  'invitations.revokeLabel': 'Withdraw the invitation for {role} created {date}',

  'keys.title': 'Key status',
  'keys.intro':
    'Fingerprints are short summaries of public keys. Compare them with colleagues by phone or in person: if they match, nobody has replaced a key.',
  'keys.orgKey': 'Organisation key',
  'keys.recoveryKey': 'Recovery key',
  'keys.recoveryHint': 'This is the key behind the 24 recovery words.',
  'keys.myKey': 'My key fingerprint',
  'keys.matchesUnlocked': 'Matches the key unlocked in this tab',
  'keys.differsFromUnlocked': 'Does not match the key unlocked in this tab',
  'keys.holdOrgKey': 'I hold the organisation key',
  'keys.unlockedHere': 'Unlocked in this tab',
  'keys.awaiting': 'Members waiting for the key',
  'keys.awaitingAction': 'Open members',
  'keys.grantProblem':
    'The organisation key given to your account could not be opened or does not match the organisation. Protected data stays hidden. Tell an admin.',

  'audit.title': 'Audit log',
  'audit.intro':
    'Every change and every reading of protected data is recorded here. Entries hold identifiers and field names, never protected content.',
  'audit.lockedNotice':
    'The keys are locked: people are shown by short identifiers instead of names.',
  'audit.filters': 'Filters',
  'audit.action': 'Action',
  'audit.actionHint': 'For example: member.approved',
  'audit.actor': 'Who',
  'audit.anyone': 'Anyone',
  'audit.object': 'Object',
  'audit.objectHint': 'Type or identifier, for example: member',
  'audit.from': 'From',
  'audit.to': 'To',
  'audit.apply': 'Show',
  'audit.reset': 'Clear filters',
  'audit.none': 'No entries match.',
  'audit.tableCaption': 'Audit log entries, newest first',
  'audit.when': 'When',
  'audit.who': 'Who',
  'audit.details': 'Details',
  'audit.system': 'System',
  'audit.older': 'Show older entries',

  'recovery.title': 'Recover admin access',
  'recovery.intro':
    'If an admin has lost the password, the organisation recovery key (the 24 words from setup) lets them set a new one.',
  'recovery.privacy':
    'Type the words only on a device you trust. They stay in this browser and are never sent to the server.',
  'recovery.slugHint': 'The short address given at setup, for example almaty-support.',
  'recovery.words': 'The 24 recovery words',
  'recovery.wordsHint':
    'In order, separated by spaces. Capital letters and line breaks do not matter.',
  'recovery.wordsRequired': 'Type the 24 words of the recovery key.',
  'recovery.unknownWords':
    'These words are not in the recovery word list; check the spelling: {words}.',
  'recovery.wordCount_one': 'You typed {count} word; a recovery key has 24.',
  'recovery.wordCount_other': 'You typed {count} words; a recovery key has 24.',
  'recovery.checksum': 'The words do not form a valid recovery key. Check each word and the order.',
  'recovery.opening': 'Checking the recovery key…',
  'recovery.noOrganisation': 'There is no organisation with this short address.',
  'recovery.wrongOrganisation': 'This recovery key does not belong to this organisation.',
  'recovery.submitWords': 'Continue',
  'recovery.backToLogin': 'Back to sign-in',
  'recovery.accountTitle': 'Choose the account and a new password',
  'recovery.accountIntro':
    'The recovery key is correct. Choose the admin account to recover and set its new password.',
  'recovery.whichAdmin': 'Admin account',
  'recovery.noAdmins': 'This organisation has no active admin account to recover.',
  'recovery.pickAdmin': 'Choose the account to recover.',
  'recovery.submitAccount': 'Set the new password',
  'recovery.expired': 'The recovery step expired. Type the words again.',
  'recovery.doneTitle': 'Access recovered',
  'recovery.doneText': 'The account has a new password and a new key. All its sessions were ended.',
  'recovery.doneTotp':
    'Two-factor sign-in on this account was turned off: set it up again after you sign in. Tell the other admins that the recovery key was used.',
  'recovery.goToLogin': 'Sign in',

  'reportStatus.new': 'New',
  'reportStatus.in_progress': 'In progress',
  'reportStatus.accepted': 'Accepted',
  'reportStatus.duplicate': 'Duplicate',
  'reportStatus.not_actionable': 'Not actionable',
  'reportStatus.spam': 'Spam',
  'reportStatus.closed': 'Closed',
  'reporterStatus.received': 'Received',
  'reporterStatus.in_progress': 'Being worked on',
  'reporterStatus.closed': 'Closed',

  'reports.title': 'Reports',
  'reports.listLabel': 'Reports, newest first',
  'reports.filter.status': 'Status',
  'reports.filter.statusOpen': 'Open (new or in progress)',
  'reports.filter.statusAll': 'All',
  'reports.filter.assigned': 'Assigned to',
  'reports.filter.assignedAny': 'Anyone',
  'reports.filter.assignedMe': 'Me',
  'reports.filter.assignedNone': 'Nobody yet',
  'reports.filter.more': 'More filters',
  'reports.filter.moreActive_one': 'More filters ({count} on)',
  'reports.filter.moreActive_other': 'More filters ({count} on)',
  'reports.filter.incidentType': 'What happened',
  'reports.filter.anyType': 'Any',
  'reports.filter.oblast': 'Region',
  'reports.filter.anyOblast': 'Any',
  'reports.filter.from': 'Received from',
  'reports.filter.to': 'Received until',
  'reports.filter.clear': 'Clear these filters',
  'reports.emptyOpen': 'No open reports. New ones appear here as they arrive.',
  'reports.emptyFiltered': 'No reports match these filters.',
  'reports.loadMore': 'Show older reports',
  'reports.awaitingReply': 'Awaiting reply',
  'reports.receivedOn': 'Received {date}',
  'reports.incidentTypes': 'What happened',
  'reports.fileCount_one': '{count} file',
  'reports.fileCount_other': '{count} files',
  'reports.messageCount_one': '{count} message',
  'reports.messageCount_other': '{count} messages',
  'reports.unassigned': 'Not assigned',
  'reports.me': 'Me ({name})',
  'reports.meLocked': 'Me',
  'reports.otherMember': 'Another member ({id})',

  'reports.reportTitle': 'Report {reference}',
  'reports.reportTitleUnknown': 'Report',
  'reports.backToInbox': '← All reports',
  'reports.opening': 'Opening the report…',
  'reports.noOrgKey':
    'You do not hold the organisation key yet, so reports cannot be opened here. An admin grants it when they approve you.',
  'reports.recordKeyFailed':
    'This report’s key could not be opened with the organisation key. Its details and text cannot be shown. Tell an admin: the report may have been sealed to another key.',
  'reports.status': 'Status',
  'reports.received': 'Received',
  'reports.language': 'Reporter’s language',
  'reports.assignee': 'Assigned to',
  'reports.encryptedBy': 'Encrypted',
  'reports.encryptedByBrowser': 'in the reporter’s browser',
  'reports.encryptedByServer': 'by the server on arrival (the reporter had JavaScript off)',

  'reports.wishesTitle': 'What the reporter wants',
  'reports.wishesNone': 'The reporter did not say what they want.',
  'reports.wishDocumentationOnly':
    'Documentation only: do not contact this person, by any channel, even if contact details are given below.',
  'reports.wishContactMe':
    'The reporter asked to be contacted. Use the way they gave below, and only as they describe.',
  'reports.wishNoContact':
    'The reporter did not ask to be contacted. Do not reach out outside Qorgan; a reply here is read only if they come back.',

  'reports.answersTitle': 'Answers',
  'reports.notAnswered': 'not answered',
  'reports.answer.reporterRole': 'Who is reporting',
  'reports.answer.incidentTypes': 'What happened',
  'reports.answer.when': 'When',
  'reports.answer.oblast': 'Region',
  'reports.answer.city': 'City or town',
  'reports.answer.placeType': 'Type of place',
  'reports.answer.onlinePlatform': 'Online platform',
  'reports.answer.perpetrators': 'Who did it',
  'reports.answer.biasIndicators': 'Why they think it was because of who they are',
  'reports.answer.reportedToPolice': 'Reported to the police',
  'reports.answer.policeResponse': 'What the police did',
  'reports.answer.notReportedReasons': 'Why not reported to the police',

  'reports.detailsTitle': 'In the reporter’s words',
  'reports.detailsNone': 'The reporter wrote nothing in their own words.',
  'reports.detailsFailed':
    'The reporter’s text could not be decrypted with the organisation key. It may be damaged or sealed to another key.',
  'reports.detail.narrative': 'What happened',
  'reports.detail.noNarrative': 'No account of what happened was written.',
  'reports.detail.exactPlace': 'Exact place',
  'reports.detail.biasDetails': 'About the bias',
  'reports.detail.policeDetails': 'About the police',
  'reports.detail.contact': 'How to reach the reporter',
  'reports.detail.contactCaution':
    'A phone, a messenger or an e-mail may be watched by family, a partner or the police. Use only the channel and times the reporter gave, say nothing that reveals what it is about until you are sure you are talking to them, and respect their wishes above.',

  'reports.filesTitle_one': 'Files ({count})',
  'reports.filesTitle_other': 'Files ({count})',
  'reports.filesNone': 'No files.',
  'reports.file.bytes': '{size} bytes',
  'reports.file.kilobytes': '{size} KB',
  'reports.file.megabytes': '{size} MB',
  'reports.file.unreadable': 'A file whose description could not be decrypted',
  'reports.file.noName': 'File without a name',
  'reports.file.metadataRemoved': 'Metadata removed',
  'reports.file.withMetadata': 'Original with metadata',
  'reports.file.originalHint':
    'The original, kept as evidence with its location and device data: handle it with care.',
  'reports.file.withMessage': 'Sent with a later message.',
  'reports.file.added': 'Added {date}.',
  'reports.file.download': 'Download',
  'reports.file.downloadLabel': 'Download {name}',
  'reports.file.preview': 'Show',
  'reports.file.previewLabel': 'Show {name}',
  'reports.file.previewOf': 'Image {name}',
  'reports.file.decrypting': 'Downloading and decrypting…',
  'reports.file.hashMismatch':
    'The decrypted file does not match the fingerprint recorded when it was received. Do not rely on it as evidence; tell an admin.',

  'reports.messagesTitle_one': 'Messages ({count})',
  'reports.messagesTitle_other': 'Messages ({count})',
  'reports.messagesNone': 'No messages yet.',
  'reports.message.reporter': 'Reporter',
  'reports.message.unreadable': 'This message could not be decrypted.',
  'reports.reply.title': 'Reply to the reporter',
  'reports.reply.howReporterReads':
    'The reporter reads your reply only when they come back to the reporting page with their codename. Nothing is sent to them.',
  'reports.reply.language': 'The report was written in {language}: reply in this language.',
  'reports.reply.label': 'Your reply',
  'reports.reply.hint':
    '{used} of {max} characters. It is encrypted in this browser for the organisation and for the reporter.',
  'reports.reply.required': 'Write a reply first.',
  'reports.reply.submit': 'Send the reply',
  'reports.reply.movesOn': 'Sending a reply moves a new report to “In progress”.',
  'reports.reply.sent': 'The reply is saved. The reporter will see it when they come back.',

  'reports.triage.title': 'Triage',
  'reports.triage.statusLegend': 'Change the status',
  'reports.triage.current': 'Now: {status}.',
  'reports.triage.reporterSees': 'The reporter sees: “{status}”.',
  'reports.triage.meaning.in_progress': 'Someone is looking into it.',
  'reports.triage.meaning.accepted': 'Taken on, to be documented as an incident.',
  'reports.triage.meaning.duplicate': 'The same event as another report.',
  'reports.triage.meaning.not_actionable': 'Nothing the organisation can do with it.',
  'reports.triage.meaning.spam': 'Not a real report.',
  'reports.triage.meaning.closed': 'Work on it is finished.',
  'reports.triage.duplicateOf': 'Duplicate of',
  'reports.triage.choose': 'Choose…',
  'reports.triage.noOtherReports': 'There are no other reports to choose from.',
  'reports.triage.chooseStatus': 'Choose a new status.',
  'reports.triage.chooseDuplicate': 'Choose the report this one repeats.',
  'reports.triage.changeStatus': 'Change the status',
  'reports.triage.statusChanged': 'The status is now “{status}”.',
  'reports.triage.assignTitle': 'Who works on it',
  'reports.triage.assign': 'Assign',
  'reports.triage.assignToMe': 'Assign to me',
  'reports.triage.unassign': 'Remove the assignment',
  'reports.triage.assigned': 'The report is assigned.',
  'reports.triage.unassigned': 'The report is no longer assigned.',

  'notifications.title': 'Notifications',
  'notifications.short': 'Notifications',
  'notifications.indicatorLabel_one': 'Notifications: {count} unread',
  'notifications.indicatorLabel_other': 'Notifications: {count} unread',
  'notifications.none': 'No notifications.',
  'notifications.unreadCount_one': '{count} unread.',
  'notifications.unreadCount_other': '{count} unread.',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.allRead': 'All notifications are marked as read.',
  'notifications.new': 'New',
  'notifications.kind.report_received': 'A new report arrived',
  'notifications.kind.reporter_message': 'A reporter wrote again',
  'notifications.kind.evidence_integrity': 'Stored evidence failed its integrity check',
  'notifications.openReport': 'Open report {reference}',
  'notifications.openEvidence': 'Open the evidence item',

  'notifyEmail.title': 'E-mail notifications',
  'notifyEmail.intro':
    'Get a short e-mail when a new report arrives or a reporter writes again, so you know to sign in.',
  'notifyEmail.noContent':
    'The e-mail never contains anything from a report: no name, no place, no words of the reporter. It only says to sign in.',
  'notifyEmail.serverReads':
    'Unlike your sign-in e-mail, which is encrypted, the server must be able to read this address to send mail to it. Someone who seized the server could read it.',
  'notifyEmail.privateAddress':
    'Use an address that nobody else reads, and that does not show your work to anyone who sees your phone.',
  'notifyEmail.statusOn': 'On',
  'notifyEmail.statusOff': 'Off',
  'notifyEmail.address': 'Address for notifications',
  'notifyEmail.sendingTo': 'Notifications are sent to',
  'notifyEmail.turnOn': 'Turn on e-mail notifications',
  'notifyEmail.turnOff': 'Turn off',
  'notifyEmail.change': 'Change the address',
  'notifyEmail.required': 'Enter an e-mail address.',
  'notifyEmail.invalid': 'Enter a valid e-mail address, such as name@example.org.',
  'notifyEmail.turnedOn': 'E-mail notifications are on: they go to {email}.',
  'notifyEmail.turnedOff': 'E-mail notifications are off. The address was removed.',
});

export type MessageKey = keyof typeof en;

type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;
/** Keys used with a `count`: `translate(locale, 'members.pendingTitle', { count })`. */
export type PluralKey = PluralBase<MessageKey>;

/** Every key of `en`, plus the extra plural categories a language may need. */
export type Messages = Record<MessageKey, string> &
  Partial<Record<`${PluralKey}_${'zero' | 'two' | 'few' | 'many'}`, string>>;
