export * from './LiveChannel';
export type { Frame } from './frames';
