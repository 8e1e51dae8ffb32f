// Module hook for a checkout of the repository: "aperture" and its subpaths resolve to the
// sources in server/ (the "aperture-source" export condition) rather than the built dist/.
export function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...context.conditions, "aperture-source"] });
}
