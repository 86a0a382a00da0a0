// PLACEHOLDER (replaced by the evaluator).
export interface EvalReport { metrics: Record<string, number | null>; problems: string[] }
export async function evaluate(_gold: string, _out: string): Promise<EvalReport> { return { metrics: {}, problems: ["not implemented"] }; }
export function formatReport(_r: EvalReport, _verbose: boolean): string { return ""; }
