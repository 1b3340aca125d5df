import React, { useEffect } from "react";
import { useEndpoints } from "../core/config";
import { RoomService } from "../services/rooms";

export function Lobby({ rooms }: { rooms: RoomService }) {
  const urls = useEndpoints();
  useEffect(() => {
    const lobby = rooms.join("lobby");
    return () => lobby.close();
  }, [rooms]);
  useEffect(() => {
    // a health check over HTTP: no socket
    void fetch(urls.apiUrl("/health"));
  }, [urls]);
  return <p>lobby</p>;
}
