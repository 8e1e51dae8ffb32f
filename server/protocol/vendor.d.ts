/** Types for Bokeh's numbro fork, which ships none: the one function Aperture calls. */
declare module "@bokeh/numbro" {
  const numbro: {
    format(value: number, format?: string, language?: string, roundingFunction?: (value: number) => number): string;
  };
  export default numbro;
}
