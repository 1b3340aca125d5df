export const channelUrl = (server, channel) => `${server}/${channel}`;
export const channelSocketUrl = (server, channel) =>
  `${channelUrl(server, channel)}/ws`.replaceAll("https://", "wss://").replaceAll("http://", "ws://");
export const channelJsonUrl = (server, channel) => `${channelUrl(server, channel)}/json`;
export const channelPollUrl = (server, channel, since) => `${channelJsonUrl(server, channel)}?poll=1&since=${since}`;
export const shortUrl = (url) => url.replaceAll(/https?:\/\//g, "");
