// the channels the shift planner reads, under the folder's own name
export { shiftChannel } from './FloorChannel';
export type { FloorListener } from './FloorChannel';
