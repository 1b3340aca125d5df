import Vue from 'vue'
import App from './App.vue'
import store from './store'
import { LinkPlugin } from './plugins/linkClient'

Vue.use(LinkPlugin, { store })

new Vue({ store, render: (h) => h(App) }).$mount('#app')
