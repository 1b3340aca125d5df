import { streamProcess } from "../api/process";

export const compileDevice = (configuration: string, log: (line: string) => void) =>
  streamProcess("compile", { configuration }, log);

export const cleanDevice = (configuration: string, log: (line: string) => void) =>
  streamProcess("clean", { configuration }, log);
