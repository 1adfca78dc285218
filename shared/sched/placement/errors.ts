/**
 * The one error the placement pipeline throws for bad input. `field` is a path into the
 * request body ("jobs[3].lat", "capacity.FRA", "k"), so the HTTP layer can answer with a
 * problem response that names the offending field.
 */
export class PlacementInputError extends Error {
  override readonly name = "PlacementInputError";

  constructor(
    /** Path of the offending field in the request body; "" for the body itself. */
    readonly field: string,
    /** What is wrong with it, in a sentence a user can act on. */
    readonly detail: string,
  ) {
    super(field ? `${field}: ${detail}` : detail);
  }
}
