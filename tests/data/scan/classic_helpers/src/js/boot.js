import { openStatus } from './status'
import { connectTicker, watch } from './ticker'

openStatus((s) => { document.title = s ? 'App: ' + s : 'App' })
connectTicker((name, price) => console.log(name, price))
watch('ACME', 'Acme Corp')
APP.comms.connect()
APP.comms.subscribe('deploy/#', function (topic, data) { console.log(topic, data) })
