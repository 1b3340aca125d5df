// No socket here: money and time helpers shared by the panels.
export default {
  methods: {
    money(cents) {
      return (cents / 100).toFixed(2)
    },
    since(ts) {
      return Math.round((Date.now() - ts) / 1000) + 's'
    },
  },
}
