import React, { useEffect, useState } from 'react';

export default function HealthWidget() {
  const [health, setHealth] = useState(null);
  useEffect(() => {
    const healthWs = new WebSocket('/ws/health');
    healthWs.onmessage = (e) => setHealth(JSON.parse(e.data));
    return () => {
      healthWs.close();
    };
  }, []);
  return <div>{health ? health.status : 'unknown'}</div>;
}
