// Progressive enhancement of the public report form (/report/:slug) and the reporter's
// message form (/return/report). Without this script both forms work, and the server
// encrypts what they carry. With it:
//  - chosen files are checked at once (count, size, type), with a message beside the field,
//    and the form is not sent until that is fixed;
//  - on sending, the browser encrypts (encrypt-form.ts, loaded on demand) and sends the
//    browser-encrypted variant of the form protocol to the same address.
// If anything fails on the way, the plain form is sent as it is: the server encrypts it
// then. The script makes no request of its own other than loading its encryption module
// from this origin, and a form whose action is on another origin is left alone.
import { reportNeedsServerCheck, messageNeedsServerCheck } from './answer-check.ts';
import { checkFiles, type FileCheck, type FileProblem } from './file-check.ts';
import { megabytes, pageLang, translate, type Lang, type MessageKey } from './messages.ts';
import type { FormKind } from './protocol.ts';
import type * as EncryptFormModule from './encrypt-form.ts';

const FORMS = 'form[data-org-public-key][data-max-file-bytes]';
const FILE_INPUTS = 'input[type="file"][name="files"]';

type EncryptModule = typeof EncryptFormModule;
let encryptModule: Promise<EncryptModule> | undefined;

/** Loads the encryption module and libsodium; a failed load is tried again next time. */
function loadEncryption(): Promise<EncryptModule> {
  encryptModule ??= import('./encrypt-form.ts').then(async (module) => {
    await module.prepare();
    return module;
  });
  encryptModule.catch(() => (encryptModule = undefined));
  return encryptModule;
}

/** Sends a form the way the browser would without this script (no submit event). */
function submitNatively(form: HTMLFormElement): void {
  // Through the prototype: a control named "submit" would shadow form.submit.
  HTMLFormElement.prototype.submit.call(form);
}

class FormEnhancer {
  private readonly form: HTMLFormElement;
  private readonly kind: FormKind;
  private readonly lang: Lang;
  private readonly maxFileBytes: number;
  private sending = false;
  /** Counts file checks, so that a slow earlier one does not overwrite a later one. */
  private checks = 0;
  private status: HTMLElement | null = null;

  constructor(form: HTMLFormElement, maxFileBytes: number) {
    this.form = form;
    this.kind = form.dataset.reporterPublicKey === undefined ? 'report' : 'message';
    this.lang = pageLang();
    this.maxFileBytes = maxFileBytes;
  }

  start(): void {
    // Tells the page's stylesheet (and tests) that the form encrypts before sending.
    this.form.dataset.enhanced = 'encrypt';
    for (const input of this.fileInputs()) {
      // A file that cannot be read here is left to the server to judge.
      input.addEventListener('change', () => void this.check().catch(() => undefined));
    }
    // Start loading the encryption module once the reporter begins, so sending is quick.
    const warm = () => void loadEncryption().catch(() => undefined);
    this.form.addEventListener('focusin', warm, { once: true });
    this.form.addEventListener('submit', (event) => this.onSubmit(event));
    // Back from the server's page (back-forward cache): the form is usable again.
    window.addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      for (const copy of document.querySelectorAll('form[data-encrypted-copy]')) copy.remove();
      this.setBusy(false);
      this.say(null);
    });
  }

  private fileInputs(): HTMLInputElement[] {
    return [...this.form.querySelectorAll<HTMLInputElement>(FILE_INPUTS)];
  }

  private chosenFiles(): File[] {
    return this.fileInputs().flatMap((input) => (input.disabled ? [] : [...(input.files ?? [])]));
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.lang, key, params);
  }

  /** Checks the chosen files and shows what is wrong beside the file field. */
  private async check(): Promise<FileCheck> {
    const run = ++this.checks;
    const result = await checkFiles(this.chosenFiles(), this.maxFileBytes, (bytes, exact) =>
      megabytes(this.lang, bytes, exact),
    );
    // Only the latest choice is shown: an earlier check may finish after it.
    if (run === this.checks) {
      this.showProblems(result.problems);
      if (result.problems.length === 0 && !this.sending) this.say(null);
    }
    return result;
  }

  private showProblems(problems: readonly FileProblem[]): void {
    const texts = problems.map((p) => this.t(p.key, p.params));
    for (const input of this.fileInputs()) {
      const id = `${input.id || 'files'}-check`;
      let box = document.getElementById(id);
      const describedBy = (input.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((token) => token !== '' && token !== id);
      if (texts.length === 0) {
        box?.remove();
        input.removeAttribute('aria-invalid');
        input.setCustomValidity('');
        input.closest('.field')?.classList.remove('has-error');
        if (describedBy.length > 0) input.setAttribute('aria-describedby', describedBy.join(' '));
        else input.removeAttribute('aria-describedby');
        continue;
      }
      if (!box) {
        box = document.createElement('div');
        box.id = id;
        box.className = 'field-error';
        box.setAttribute('role', 'alert');
        input.before(box);
      }
      box.replaceChildren(
        ...texts.map((text) => {
          const p = document.createElement('p');
          p.textContent = text;
          return p;
        }),
      );
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [...describedBy, id].join(' '));
      // The browser's own check then also stops the form and points at the field.
      input.setCustomValidity(texts.join(' '));
      input.closest('.field')?.classList.add('has-error');
    }
  }

  private onSubmit(event: SubmitEvent): void {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (this.sending) return;
    this.setBusy(true);
    this.say('encrypting');
    const submitter = event.submitter;
    this.send(submitter).catch(() => this.sendPlain());
  }

  private async send(submitter: HTMLElement | null): Promise<void> {
    const checked = await this.check();
    if (checked.problems.length > 0) {
      this.setBusy(false);
      this.say('fix_files');
      this.fileInputs()[0]?.focus();
      return;
    }
    const unknownType = checked.files.some((f) => f.classification.verdict === 'unknown');
    const serverMayRefuse =
      this.kind === 'report'
        ? reportNeedsServerCheck(this.form)
        : messageNeedsServerCheck(this.form, checked.files.length);
    if (unknownType || serverMayRefuse) {
      this.sendPlain();
      return;
    }
    const { encryptForm } = await loadEncryption();
    const encrypted = await encryptForm({
      form: this.form,
      kind: this.kind,
      submitter,
      files: checked.files,
      maxFileBytes: this.maxFileBytes,
      onProgress: ({ file, files }) => this.say('encrypting_file', { n: file, total: files }),
    });
    document.body.append(encrypted);
    this.say('sending');
    submitNatively(encrypted);
  }

  /** The form as it is, unencrypted: the server encrypts it. */
  private sendPlain(): void {
    this.say('sending');
    submitNatively(this.form);
  }

  private setBusy(busy: boolean): void {
    this.sending = busy;
    this.form.setAttribute('aria-busy', String(busy));
    for (const button of this.form.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      'button[type="submit"], button:not([type]), input[type="submit"]',
    )) {
      button.disabled = busy;
    }
  }

  /** The progress line under the send button; null clears it. */
  private say(key: MessageKey | null, params?: Record<string, string | number>): void {
    if (key === null) {
      this.status?.remove();
      this.status = null;
      return;
    }
    if (!this.status) {
      this.status = document.createElement('p');
      this.status.className = 'form-status';
      this.status.setAttribute('role', 'status');
      const button = this.form.querySelector('button[type="submit"], input[type="submit"]');
      if (button) button.after(this.status);
      else this.form.append(this.status);
    }
    // A problem to fix reads like the page's other errors; progress reads as plain text.
    this.status.classList.toggle('field-error', key === 'fix_files');
    this.status.textContent = this.t(key, params);
  }
}

function enhanceForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>(FORMS)) {
    const action = new URL(form.getAttribute('action') ?? '', location.href);
    if (action.origin !== location.origin) continue;
    const maxFileBytes = Number(form.dataset.maxFileBytes);
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) continue;
    new FormEnhancer(form, maxFileBytes).start();
  }
}

enhanceForms();
