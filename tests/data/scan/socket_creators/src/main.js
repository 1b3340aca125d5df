import Vue from 'vue';
import App from '~/App.vue';
import live from '~/live';

live.start();

new Vue({ render: (h) => h(App) }).$mount('#app');
