import { createApp } from 'vue';
import './mobile.css';
import App from './App.vue';
import { flush, refreshCounts } from './outbox';

createApp(App).mount('#app');

// the shell must open with no signal: a small hand-written service worker caches it (scope /m/)
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {});
window.addEventListener('online', () => void flush());
void refreshCounts().then(() => flush());
// a line that comes back without an `online` event (captive portals, flaky 2G): try now and then
setInterval(() => void flush(), 60_000);
