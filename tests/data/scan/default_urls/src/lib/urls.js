export const socket_url_from = (base) => {
  const u = new URL("live", base);
  u.protocol = u.protocol.replace("http", "ws");
  return u;
};

export const default_socket_url = () => socket_url_from(window.location.href);
