import { createApp } from 'vue';
import { createPinia } from 'pinia';
// Styles of the services called from code (the template components get theirs from the resolver).
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import './ui/base.css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { sendPhonesToMobile } from './layout/phoneEntry';

// a phone opening / goes to the phone pages (/m/); they link back with ?desk=1
if (!sendPhonesToMobile()) createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
