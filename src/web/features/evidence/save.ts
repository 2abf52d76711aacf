// Saving decrypted bytes as a file on the member's device. Small files are collected into a
// Blob and offered as a download; a large one is written chunk by chunk through the File
// System Access API where the browser has it (Chromium on a computer), so a 1 GiB video
// never sits in the tab's memory. Everything is produced in this tab; nothing decrypted
// goes back over the network.

/** Above this many bytes, stream to disk when the browser can. */
export const STREAM_TO_DISK_BYTES = 256 * 1024 * 1024;

export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Finishes the file (a download starts for the Blob sink). */
  close(): Promise<void>;
  /** Drops what was written (after a failure). */
  abort(): Promise<void>;
}

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<{
    createWritable(): Promise<{
      write(data: Uint8Array): Promise<void>;
      close(): Promise<void>;
      abort(): Promise<void>;
    }>;
  }>;
}

/** Offers a Blob as a download named `name`, and forgets it a little later. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The decrypted copy should not outlive the download; the delay lets the browser start
  // reading the Blob before its URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function blobSink(name: string, type: string): FileSink {
  let parts: Uint8Array[] = [];
  return {
    write: async (chunk) => {
      parts.push(chunk);
    },
    close: async () => {
      downloadBlob(new Blob(parts as BlobPart[], { type }), name);
      parts = [];
    },
    abort: async () => {
      parts = [];
    },
  };
}

/**
 * Where to write a file of `size` bytes. Must be called straight from the click (the
 * save dialog needs the user's gesture), before any network request.
 */
export async function openFileSink(name: string, type: string, size: number): Promise<FileSink> {
  const picker = (window as unknown as SaveFilePickerWindow).showSaveFilePicker;
  if (size > STREAM_TO_DISK_BYTES && typeof picker === 'function') {
    const handle = await picker.call(window, { suggestedName: name });
    const writable = await handle.createWritable();
    return {
      write: (chunk) => writable.write(chunk),
      close: () => writable.close(),
      abort: () => writable.abort(),
    };
  }
  return blobSink(name, type);
}
