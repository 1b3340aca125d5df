import { registerBoardHandlers } from './realtime'

export default (context) => {
  registerBoardHandlers(context.app.$hub)
}
