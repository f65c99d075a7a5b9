// The signed-in user's to-do list, shared by the workbench and the menu's count badges:
// the bureau's submitted evaluations waiting for review; for a unit's staff the returned
// evaluation, goals lacking an actual or a 偏差原因, and open red/orange warnings.
import { reactive } from 'vue';
import { api } from './api.js';
import { canReview, homeUnit, latestYear, session } from './session.js';

export const todo = reactive({ total: 0, returned: 0, goals: 0, warnings: 0, review: 0 });

// A goal needs work when it has no actual yet, or falls short without a 偏差原因.
export function goalNeeds(g) {
  if (g.actual === null || g.actual === undefined || g.actual === '') return '缺少实际完成值';
  const short = g.completion !== null && g.completion !== undefined && Number(g.completion) < 100;
  if (short && !(g.deviation_reason || '').trim()) return '未完成，缺少偏差原因';
  return '';
}

export const levelRank = { red: 0, orange: 1, yellow: 2, blue: 3 };
export const urgentWarning = (w) => w.level === 'red' || w.level === 'orange';

// Recounts from the server; pages call it after a change that settles a to-do.
export async function refreshTodo() {
  if (!session.user) return;
  const y = latestYear();
  const counts = { returned: 0, goals: 0, warnings: 0, review: 0 };
  try {
    if (canReview()) {
      counts.review = (await api.get(`/api/evaluations?status=submitted&year=${y}&limit=1`)).total;
    }
    const u = homeUnit();
    if (u) {
      const [ev, goals, dash] = await Promise.all([
        api.get(`/api/evaluations?unit=${encodeURIComponent(u)}&year=${y}&status=returned&limit=1`).catch(() => ({ total: 0 })),
        api.get(`/api/goals/${encodeURIComponent(u)}/${y}`).catch(() => ({ items: [] })),
        api.get(`/api/dashboard/${encodeURIComponent(u)}?year=${y}`).catch(() => ({ warnings: [] })),
      ]);
      counts.returned = ev.total || 0;
      if (session.user.role !== 'viewer') counts.goals = goals.items.filter((g) => goalNeeds(g)).length;
      counts.warnings = (dash.warnings || []).filter(urgentWarning).length;
    }
  } catch { /* the counts are a hint; the pages show the errors */ }
  Object.assign(todo, counts, { total: counts.review + counts.returned + counts.goals });
}
