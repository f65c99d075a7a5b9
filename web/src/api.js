// The JSON API client: cookies carry the session; the CSRF token from /api/login or
// /api/session goes back in X-CSRF-Token on every write. Errors come as {code, message, location, causes}.
// A 401 anywhere (the session expired or was ended) goes through onUnauthenticated, which the
// router sets to "back to the sign-in form, then to this page".
let csrf = '';
let onUnauthenticated = () => {};
let onPasswordRequired = () => {};

export function setAuthHandlers(handlers) {
  onUnauthenticated = handlers.unauthenticated;
  onPasswordRequired = handlers.passwordRequired;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : status === 0 ? '网络错误，请检查网络后重试' : `请求失败（${status}）`);
    this.status = status;
    this.body = body || {};
  }
}

// The server enforces a first-password change with 403 on every other route.
const isPasswordRequired = (status, body) => status === 403 && body
  && (body.code === 'must_change_password' || body.code === 'password_change_required' || /修改.{0,6}密码/.test(body.message || ''));

function check(status, data, quiet401) {
  if (status === 401 && !quiet401) onUnauthenticated();
  if (isPasswordRequired(status, data)) onPasswordRequired();
}

async function request(method, path, body, opts = {}) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!res.ok) {
    check(res.status, data, opts.quiet401);
    throw new ApiError(res.status, data);
  }
  if (data && data.csrf_token) csrf = data.csrf_token;
  return data;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body = {}, opts) => request('POST', path, body, opts),
  put: (path, body = {}) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
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
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else { check(xhr.status, data, false); reject(new ApiError(xhr.status, data)); }
      };
      xhr.onerror = () => reject(new ApiError(0, { message: '网络错误，上传失败' }));
      xhr.send(form);
    });
  },
  // A download through fetch (so a 401/403 shows as a message, not as a saved error page);
  // the file name comes from Content-Disposition (RFC 5987 filename*).
  async download(path, fallbackName) {
    let res;
    try { res = await fetch(path, { credentials: 'same-origin' }); } catch { throw new ApiError(0, null); }
    if (!res.ok) {
      let data = null;
      try { data = await res.json(); } catch { data = null; }
      check(res.status, data, false);
      throw new ApiError(res.status, data);
    }
    const cd = res.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return name;
  },
  setCsrf(token) { csrf = token; },
  // For the HTML forms that post without script (the password page).
  csrfToken() { return csrf; },
};

// "1234567.89" → "123.46" 万元 (display only; amounts stay strings from the server).
export function wan(yuanText) {
  if (yuanText === null || yuanText === undefined || yuanText === '') return '—';
  const n = Number(yuanText);
  return (n / 10000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function pct(text) {
  return text === null || text === undefined || text === '' ? '—' : `${Number(text).toFixed(1)}%`;
}

// Server times are UTC ISO 8601; finance staff read Beijing time.
const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
export function localTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(beijing.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// A file name without the folders a CLI import may have recorded.
export const baseName = (path) => (path ? String(path).split(/[\\/]/).pop() : '');
