import Vue from 'vue'
import App from './App.vue'
import store from './store'
import { LinkPlugin } from './plugins/linkClient'
import { StatusPlugin } from './plugins/statusClient'
import { linkUrl } from '@/util/urls'

Vue.use(LinkPlugin, { store })
Vue.use(StatusPlugin, { store, url: linkUrl('/status/ws') })

new Vue({ store, render: (h) => h(App) }).$mount('#app')
