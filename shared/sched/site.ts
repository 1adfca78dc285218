/** What the scheduler knows about one place it can run work. */
import type { LocationHint } from "./geo/location-hint";

/** A Cloudflare colo from the site catalog. */
export interface Colo {
  /** IATA code of the airport the colo is named after (unique, upper case). */
  readonly iata: string;
  readonly city: string;
  readonly country: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly countryCode: string;
  readonly lat: number;
  readonly lon: number;
  /** Region as the source colo list names it, e.g. "Asia Pacific". */
  readonly region: string;
  /** The Durable Object location hint that serves this colo. */
  readonly hint: LocationHint;
}
