// Who is signed in, the years with data, and what the role may do. One reactive store: the
// router's guards and every page read it; the API client clears it on a 401.
import { reactive } from 'vue';
import { api } from './api.js';

export const session = reactive({ user: null, years: [], loaded: false });

export const roleNames = { admin: '系统管理员', bureau: '财政局', editor: '单位填报', viewer: '单位查看' };
export const roleIs = (...roles) => !!session.user && roles.includes(session.user.role);
export const canReview = () => roleIs('admin', 'bureau');
export const canWrite = (unit) => roleIs('admin') || (roleIs('editor') && session.user.units.includes(unit));
export const homeUnit = () => (session.user && session.user.units.length ? session.user.units[0] : '');
export const latestYear = () => (session.years.length ? session.years[session.years.length - 1] : new Date().getFullYear());

export async function loadYears() {
  try { session.years = (await api.get('/api/years')).years; } catch { session.years = []; }
}

// Called once before the first route: a 401 just means "not signed in".
export async function loadSession() {
  try {
    const s = await api.get('/api/session', { quiet401: true });
    session.user = s.user;
    if (!s.user.must_change_password) await loadYears();  // refused until the first password is changed
  } catch { session.user = null; }
  session.loaded = true;
}

export async function signedIn(user) {
  session.user = user;
  session.loaded = true;
  await loadYears();
}
