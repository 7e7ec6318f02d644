import { API_BASE, CSRF_HEADER, CSRF_HEADER_VALUE, parseApiError } from './client';

export interface UploadOptions {
  /** The multipart field that carries the file. */
  field?: string;
  /** Called with 0..1 as the browser sends the body. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** What an upload answered: the status and the parsed JSON body (or null). */
export interface UploadAnswer<T> {
  status: number;
  body: T;
}

/**
 * Sends a file as multipart/form-data with XMLHttpRequest, the one browser API
 * that reports upload progress. Resolves with the JSON answer on 2xx; rejects
 * with ApiError otherwise (its `body` keeps the raw JSON for callers that need
 * more than the error object, such as an import's row errors).
 */
export function uploadFile<T>(path: string, file: File, options: UploadOptions = {}): Promise<UploadAnswer<T>> {
  const { field = 'file', onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, CSRF_HEADER_VALUE);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = null;
        }
        resolve({ status: xhr.status, body: body as T });
        return;
      }
      const err = parseApiError(xhr.status, text, xhr.getResponseHeader('Retry-After'));
      let raw: unknown = null;
      try {
        raw = text ? JSON.parse(text) : null;
      } catch {
        raw = null;
      }
      reject(Object.assign(err, { body: raw }));
    };
    xhr.onerror = () => reject(parseApiError(0, '', null));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    if (signal) signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(field, file, file.name);
    xhr.send(form);
  });
}

/** The file name from a Content-Disposition header, if it names one. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}

export interface DownloadOptions {
  /** Called with bytes received and the total when the server says it (else null). */
  onProgress?: (received: number, total: number | null) => void;
  signal?: AbortSignal;
}

/**
 * Fetches a file (a report, a template) as a blob and hands it to the browser
 * as a download, keeping the server's file name. Rejects with ApiError on a
 * non-2xx answer so the page can say why.
 */
export async function downloadFile(path: string, fallbackName: string, options: DownloadOptions = {}): Promise<{ name: string; size: number }> {
  const response = await fetch(API_BASE + path, {
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
    cache: 'no-store',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    throw parseApiError(response.status, await response.text(), response.headers.get('Retry-After'));
  }
  const lengthHeader = response.headers.get('Content-Length');
  const total = lengthHeader ? Number(lengthHeader) : null;
  let blob: Blob;
  if (response.body && options.onProgress) {
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      options.onProgress(received, total);
    }
    blob = new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  } else {
    blob = await response.blob();
  }
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, size: blob.size };
}
