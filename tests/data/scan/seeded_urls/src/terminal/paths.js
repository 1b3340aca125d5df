export const TERM_PATH = "/term/socket";
