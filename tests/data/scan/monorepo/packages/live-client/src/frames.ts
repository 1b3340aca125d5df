export interface Frame {
  type: string;
  at: string;
  [key: string]: unknown;
}
