export const RELOAD = "reload";
export const REFRESH_CSS = "refresh-css";
