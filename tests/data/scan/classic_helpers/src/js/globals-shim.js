// Older imports go through here; the object is the one appGlobals exports.
import $app from './appGlobals'

export default $app
