/** The small part of plotly.js the client uses (its lib/ modules ship no types). */
declare module "plotly.js/lib/core" {
  export type PlotlyData = Record<string, unknown>;
  export type PlotlyLayout = Record<string, unknown>;
  export interface PlotlyConfig {
    responsive?: boolean;
    displaylogo?: boolean;
  }
  export interface PlotlyPoint {
    curveNumber: number;
    /** A row; for heatmap cells a `[row, column]` pair. */
    pointIndex?: number | number[];
    pointNumber?: number | number[];
  }
  export interface PlotlySelectEvent {
    points: PlotlyPoint[];
  }
  export type PlotlyRelayoutEvent = Record<string, unknown>;

  /** A div Plotly has drawn into: it gains `.data`, `.layout` and an event emitter. */
  export interface PlotlyHTMLElement extends HTMLDivElement {
    data: PlotlyData[];
    layout: PlotlyLayout;
    on(event: "plotly_relayout", handler: (event: PlotlyRelayoutEvent) => void): void;
    on(event: "plotly_selected", handler: (event: PlotlySelectEvent | undefined) => void): void;
    on(event: "plotly_deselect", handler: () => void): void;
    on(event: "plotly_click", handler: (event: PlotlySelectEvent) => void): void;
    /** Returning false cancels Plotly's own toggling of the entry. */
    on(event: "plotly_legendclick", handler: (event: { curveNumber: number }) => boolean): void;
    removeAllListeners(event: string): void;
  }

  /** A trace module of `plotly.js/lib/<type>`, for `register`. */
  export interface PlotlyModule {
    moduleType: string;
    name: string;
  }

  export interface PlotlyApi {
    register(modules: PlotlyModule[]): void;
    react(div: HTMLDivElement, data: PlotlyData[], layout: PlotlyLayout, config?: PlotlyConfig): Promise<PlotlyHTMLElement>;
    purge(div: HTMLDivElement): void;
    /** Appends to array attributes of the traces at `indices`, keeping the last `maxPoints`. */
    extendTraces(
      div: HTMLDivElement,
      update: Record<string, ArrayLike<unknown>[]>,
      indices: number[],
      maxPoints?: number | Record<string, number[]>,
    ): Promise<PlotlyHTMLElement>;
    /** Changes layout attributes only (no trace is rebuilt). */
    relayout(div: HTMLDivElement, update: PlotlyLayout): Promise<PlotlyHTMLElement>;
    Plots: { resize(div: HTMLDivElement): Promise<void> };
    /** The drawn graph as a data URL (`data:image/svg+xml,…` for SVG). */
    toImage(div: HTMLDivElement, options: { format: "png" | "svg"; width?: number; height?: number }): Promise<string>;
  }
  const Plotly: PlotlyApi;
  export default Plotly;
}

declare module "plotly.js/lib/*" {
  import type { PlotlyModule } from "plotly.js/lib/core";
  const module: PlotlyModule;
  export default module;
}

/** plotly's stylesheet, injected into the page when imported. */
declare module "plotly.js/build/plotcss";

/** The modules of plotly's own core (client/render/plotly-core.ts puts them together). */
declare module "plotly.js/src/registry" {
  import type { PlotlyModule } from "plotly.js/lib/core";
  interface ApiMethod {
    moduleType: "apiMethod";
    name: string;
    fn: unknown;
  }
  const Registry: { register(this: void, modules: PlotlyModule | ApiMethod | (PlotlyModule | ApiMethod)[]): void };
  export default Registry;
}

declare module "plotly.js/src/plot_api" {
  const api: Record<string, unknown>;
  export default api;
}

declare module "plotly.js/src/plots/plots" {
  const Plots: { resize(this: void, div: HTMLDivElement): Promise<void> };
  export default Plots;
}

declare module "plotly.js/src/*" {
  import type { PlotlyModule } from "plotly.js/lib/core";
  const module: PlotlyModule;
  export default module;
}
