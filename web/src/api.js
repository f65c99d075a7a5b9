// The JSON API client: cookies carry the session; the CSRF token from /api/login or
// /api/session goes back in X-CSRF-Token on every write. Errors come as {code, message, location, causes}.
let csrf = '';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `请求失败（${status}）`);
    this.status = status;
    this.body = body || {};
  }
}

async function request(method, path, body) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!res.ok) throw new ApiError(res.status, data);
  if (data && data.csrf_token) csrf = data.csrf_token;
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body),
  put: (path, body = {}) => request('PUT', path, body),
  // Multipart upload with progress (0–100) reported through onProgress.
  upload(path, form, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100)); };
      xhr.onload = () => {
        let data = null;
        try { data = JSON.parse(xhr.responseText); } catch { data = { message: xhr.responseText }; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(data); else reject(new ApiError(xhr.status, data));
      };
      xhr.onerror = () => reject(new ApiError(0, { message: '网络错误，上传失败' }));
      xhr.send(form);
    });
  },
  setCsrf(token) { csrf = token; },
};

// "1234567.89" → "123.46" 万元 (display only; amounts stay strings from the server).
export function wan(yuanText) {
  if (yuanText === null || yuanText === undefined) return '—';
  const n = Number(yuanText);
  return (n / 10000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function pct(text) {
  return text === null || text === undefined ? '—' : `${Number(text).toFixed(1)}%`;
}
