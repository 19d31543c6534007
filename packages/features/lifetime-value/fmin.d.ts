/** benfred's fmin ships no types (and no @types package exists): the one function we use, from its UMD build. */
declare module 'fmin/build/fmin.js' {
  export interface NelderMeadOptions {
    maxIterations?: number;
    nonZeroDelta?: number;
    zeroDelta?: number;
    minErrorDelta?: number;
    minTolerance?: number;
    /** The shrink factor; 1 or more stops instead of shrinking. */
    sigma?: number;
  }
  export function nelderMead(f: (x: number[]) => number, x0: number[], options?: NelderMeadOptions): { fx: number; x: number[] };
}
