import { channelPollUrl } from "./urls";

// the fallback when sockets are blocked: plain HTTP polling, no socket
export async function poll(server, channel, since) {
  const response = await fetch(channelPollUrl(server, channel, since));
  return (await response.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line));
}
