import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isOpen, wsUrl } from '../lib/ws';
import type { Metric, TelemetryFrame } from '../types/messages';

const WINDOW = 120;

interface TelemetryChartProps {
  deviceId: string;
  metric: Metric;
  height?: number;
}

export function TelemetryChart({ deviceId, metric, height = 80 }: TelemetryChartProps) {
  const [points, setPoints] = useState<number[]>([]);
  const [offline, setOffline] = useState(false);
  const socketRef = useRef<WebSocket | null>(null);

  const handleMessage = useCallback(
    (event: MessageEvent<string>) => {
      const data: TelemetryFrame = JSON.parse(event.data);
      if (data.deviceId !== deviceId) return;
      switch (data.type) {
        case 'telemetry_sample':
          setPoints((prev) => [...prev, data.values[metric]].slice(-WINDOW));
          break;
        case 'device_offline':
          setOffline(true);
          break;
        case 'device_online':
          setOffline(false);
          break;
      }
    },
    [deviceId, metric],
  );

  // reset the series when the user switches device or metric
  useEffect(() => {
    setPoints([]);
  }, [deviceId, metric]);

  useEffect(() => {
    const ws = new WebSocket(wsUrl('/ws/telemetry'));
    ws.onopen = () => ws.send(JSON.stringify({ action: 'watch', deviceId }));
    ws.onmessage = handleMessage;
    socketRef.current = ws;
    return () => {
      ws.close();
      socketRef.current = null;
    };
  }, [deviceId, handleMessage]);

  const path = useMemo(() => {
    if (points.length < 2) return '';
    const max = Math.max(...points);
    const min = Math.min(...points);
    const span = max - min || 1;
    return points
      .map((v, i) => `${i === 0 ? 'M' : 'L'}${(i / (WINDOW - 1)) * 300},${height - ((v - min) / span) * height}`)
      .join(' ');
  }, [points, height]);

  const ping = () => {
    if (isOpen(socketRef.current)) socketRef.current.send(JSON.stringify({ action: 'ping' }));
  };

  return (
    <figure className={offline ? 'chart chart--offline' : 'chart'} onDoubleClick={ping}>
      <svg width={300} height={height}>
        <path d={path} fill="none" stroke="currentColor" />
      </svg>
      <figcaption>
        {deviceId} · {metric}
        {offline && ' (offline)'}
      </figcaption>
    </figure>
  );
}
