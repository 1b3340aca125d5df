export interface Zone { id: string; name: string }
