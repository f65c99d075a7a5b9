// The web UI: Vue 3 + Element Plus (Chinese locale) + vue-router (hash routes, so the server
// serves index.html only). No inline script or eval anywhere: the CSP is `script-src 'self'`.
import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router.js';
import './style.css';

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app');
