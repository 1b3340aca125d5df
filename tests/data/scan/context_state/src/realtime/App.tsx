import React from "react";
import { RealtimeProvider } from "./RealtimeProvider";
import { ChatRoom } from "../features/chat/ChatRoom";
import { WhoIsHere } from "../features/presence/WhoIsHere";

export function App() {
  return (
    <RealtimeProvider url="/ws/realtime">
      <ChatRoom />
      <WhoIsHere />
    </RealtimeProvider>
  );
}
