// Routes and their role rules. `meta.roles` lists who may open a page (absent: every signed-in
// role); the shell shows 无权访问 instead of mounting a page the role may not see. Signed-out
// users go to the sign-in form and come back to the route they asked for; a user who must
// change the first password goes to the password page first.
import { createRouter, createWebHashHistory } from 'vue-router';
import { ElMessage } from 'element-plus';
import { setAuthHandlers } from './api.js';
import { loadSession, session } from './session.js';


export const routes = [
  { path: '/', redirect: '/workbench' },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  { path: '/password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { title: '修改密码' } },
  { path: '/workbench', name: 'workbench', component: () => import('./views/WorkbenchView.vue'), meta: { title: '工作台' } },
  { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue'), meta: { title: '全局概览', roles: ['admin', 'bureau'] } },
  { path: '/dashboard/:unit', name: 'dashboard', component: () => import('./views/DashboardView.vue'), props: true, meta: { title: '单位看板' } },
  { path: '/goals/:unit/:year', name: 'goals', component: () => import('./views/GoalsView.vue'), props: true, meta: { title: '绩效目标' } },
  { path: '/evaluation/:unit/:year', name: 'evaluation', component: () => import('./views/EvaluationView.vue'), props: true, meta: { title: '绩效自评' } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '数据导入', roles: ['admin', 'editor'] } },
  { path: '/indicators', name: 'indicators', component: () => import('./views/LibraryView.vue'), meta: { title: '指标库' } },
  { path: '/checker', name: 'checker', component: () => import('./views/CheckerView.vue'), meta: { title: '报告核查' } },
  // People's-congress pages (views/congress/): every signed-in role; the server filters by unit.
  { path: '/suggestions', name: 'suggestions', component: () => import('./views/congress/SuggestionsView.vue'), meta: { title: '代表建议' } },
  { path: '/congress', name: 'congress', component: () => import('./views/congress/CongressWorkView.vue'), meta: { title: '人大工作与代表履职' } },
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: '审计日志', roles: ['admin', 'bureau'] } },
  { path: '/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户管理', roles: ['admin'] } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

// May the signed-in user open this route?
export function allowed(route) {
  const roles = route.meta && route.meta.roles;
  return !roles || (!!session.user && roles.includes(session.user.role));
}

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  if (to.meta.public) {
    if (session.user && to.name === 'login') return typeof to.query.redirect === 'string' ? to.query.redirect : '/workbench';
    return true;
  }
  if (!session.user) return { name: 'login', query: to.fullPath === '/workbench' ? {} : { redirect: to.fullPath } };
  if (session.user.must_change_password && to.name !== 'password') {
    return { name: 'password', query: { redirect: to.fullPath } };
  }
  return true;
});

router.afterEach((to) => { document.title = `${to.meta.title || ''} - jixiao 预算绩效管理`; });

let leaving = false;
setAuthHandlers({
  unauthenticated() {
    if (leaving || router.currentRoute.value.name === 'login') return;
    leaving = true;
    const back = router.currentRoute.value.fullPath;
    session.user = null;
    ElMessage({ type: 'warning', message: '登录已失效，请重新登录' });
    router.replace({ name: 'login', query: { redirect: back } }).finally(() => { leaving = false; });
  },
  passwordRequired() {
    if (session.user) session.user.must_change_password = true;
    const here = router.currentRoute.value;
    // Before the first route is settled the guard sends such a user to the password page itself
    // (and keeps the query the page was opened with).
    if (here.matched.length && here.name !== 'password' && !here.meta.public) {
      router.replace({ name: 'password', query: { redirect: here.fullPath } });
    }
  },
});
