import { connectRemote } from "./remote";

const video = document.querySelector("video");
const stop = connectRemote(video);
window.addEventListener("beforeunload", stop);
