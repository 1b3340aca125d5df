import { stream } from './stream';

export function followLogs(namespace: string, pod: string, onLines: (lines: string[]) => void) {
  const lines: string[] = [];

  function onChunk(chunk: string) {
    if (!chunk) return;
    lines.push(atob(chunk));
    onLines(lines);
  }

  return stream(`/api/v1/namespaces/${namespace}/pods/${pod}/log?follow=true`, onChunk, {
    isJson: false,
  });
}
