// Board events. The plugin hands the hub in once the module loads.
export const registerBoardHandlers = (hub) => {
  hub.registerHandler('card_moved', ({ store }, frame) => {
    store.dispatch('board/moveCard', frame.card)
  })
  hub.registerHandler('card_deleted', ({ store }, frame) => {
    store.dispatch('board/forgetCard', frame.card_id)
  })
}
