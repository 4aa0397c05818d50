/** Long work reports progress through this callback; the CLI draws a bar, the API a percentage. */
export type Progress = (done: number, total: number, label: string) => void;

export const noProgress: Progress = () => {};
