/**
 * world.json: world-atlas's 1:50m countries TopoJSON (Natural Earth, public domain), copied from
 * node_modules so the map needs no tile server or CDN. 1:50m keeps small island states that the
 * 1:110m file lacks; the coverage page lists, beside the map, countries that have no shape.
 */
import { readFileSync } from "node:fs";

try {
  process.stdout.write(readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
} catch (err) {
  console.error(`world.json: ${(err as Error).message}`);
  process.exitCode = 1;
}
