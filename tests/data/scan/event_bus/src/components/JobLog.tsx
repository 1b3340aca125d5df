import React, { useEffect, useRef } from "react";
import { hub } from "../lib/hub";

export function JobLog() {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const add = (m: { id: string }) => list.current?.append(`done ${m.id}`);
    hub.on("job_done", add);
    hub.once("job_failed", (m: { id: string }) => list.current?.append(`failed ${m.id}`));
    hub.on("error", (err: Error) => console.error(err));
    return () => {
      hub.off("job_done", add);
    };
  }, []);
  return <ul ref={list} />;
}
