import { watchKinds } from './kinds';

export const stopRecords = watchKinds('record', (kind) => console.info('record', kind));
