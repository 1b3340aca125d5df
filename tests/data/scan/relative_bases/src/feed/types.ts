export interface Notice {
    id: number;
    title: string;
    body: string;
    priority: number;
}
