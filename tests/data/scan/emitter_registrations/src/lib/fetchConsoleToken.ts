export default async function fetchConsoleToken(serverId: string): Promise<string> {
    const res = await fetch(`/api/servers/${serverId}/console-token`);
    const body = await res.json();
    return body.token;
}
