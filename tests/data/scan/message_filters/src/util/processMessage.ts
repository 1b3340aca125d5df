import { hideMessage, showMessage } from "./message";

// The kernel's pushes every window handles alike; what is left goes to the window's callback.
export const processMessage = (response: IWebSocketData) => {
  if ("msg" === response.cmd) {
    showMessage(response.msg, response.data.closeTimeout, response.code === 0 ? "info" : "error");
    return false;
  }
  if ("cmsg" === response.cmd) {
    hideMessage(response.data.id);
    return false;
  }
  if ("reloadui" === response.cmd) {
    window.location.reload();
    return false;
  }
  // below 0: a notice to show, nothing else to do
  if (response.code < 0) {
    showMessage(response.msg, 0, response.code === -1 ? "error" : "info");
    return false;
  }
  return response;
};

// Near miss: gives back a new object, not the message it was given.
export const stamp = (response: IWebSocketData) => {
  return { ...response, receivedAt: Date.now() };
};
