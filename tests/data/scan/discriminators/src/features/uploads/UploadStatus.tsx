import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { UploadFrame } from '../../types/realtime';

type Phase = 'pending' | 'transcoding' | 'ready' | 'rejected';

const LABELS: Record<Phase, string> = {
  pending: 'Waiting for a transcoder…',
  transcoding: 'Transcoding',
  ready: 'Ready to publish',
  rejected: 'Rejected',
};

export function UploadStatus({ onReady }: { onReady?: (id: string) => void }) {
  const { uploadId } = useParams<{ uploadId: string }>();
  const [phase, setPhase] = useState<Phase>('pending');
  const [reason, setReason] = useState<string | null>(null);

  useEffect(() => {
    if (!uploadId) return;
    const ws = new WebSocket(`${wsOrigin()}/ws/uploads/${uploadId}`);
    ws.onmessage = (e) => {
      const message = safeJson<UploadFrame>(e.data);
      if (!message) return;
      if (message.status === 'transcoding') {
        setPhase('transcoding');
      } else if (message.status === 'ready') {
        setPhase('ready');
        ws.close();
        onReady?.(message.uploadId);
      } else if (message.status === 'rejected') {
        setPhase('rejected');
        setReason(message.reason ?? 'unknown');
        ws.close();
      }
    };
    // The server hangs up once the upload settles, so no cleanup was thought necessary.
  }, [uploadId, onReady]);

  return (
    <div className={`upload upload--${phase}`}>
      <span>{LABELS[phase]}</span>
      {phase === 'rejected' && reason && <p className="upload__reason">{reason}</p>}
    </div>
  );
}
