// Geometry rules with precise messages: positions are [lon, lat] within range,
// lines have two or more positions, polygon rings are closed with four or
// more. The schema has already checked that geometry.type is one we accept.
import type { Problem } from './problems.ts';
import { show } from './problems.ts';

type Report = (pointer: string, message: string) => void;

function checkPosition(pos: unknown, at: string, report: Report): boolean {
  if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3) {
    report(at, `${show(pos)} is not a position, expected [longitude, latitude]`);
    return false;
  }
  const [lon, lat] = pos;
  if (typeof lon !== 'number' || typeof lat !== 'number') {
    report(at, `${show(pos)} is not a position, expected two numbers [longitude, latitude]`);
    return false;
  }
  let ok = true;
  if (!(lon >= -180 && lon <= 180)) {
    report(`${at}/0`, `longitude ${lon} is out of range, expected -180 to 180`);
    ok = false;
  }
  if (!(lat >= -90 && lat <= 90)) {
    report(`${at}/1`, `latitude ${lat} is out of range, expected -90 to 90`);
    ok = false;
  }
  return ok;
}

function checkLine(coords: unknown, at: string, report: Report): void {
  if (!Array.isArray(coords) || coords.length < 2) {
    const found = Array.isArray(coords) ? coords.length : 0;
    report(at, `a LineString needs at least 2 positions, found ${found}`);
    return;
  }
  coords.forEach((p, i) => checkPosition(p, `${at}/${i}`, report));
}

function checkRing(ring: unknown, at: string, report: Report): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    const found = Array.isArray(ring) ? ring.length : 0;
    report(at, `a polygon ring needs at least 4 positions (closed), found ${found}`);
    return;
  }
  let allValid = true;
  ring.forEach((p, i) => {
    allValid = checkPosition(p, `${at}/${i}`, report) && allValid;
  });
  if (!allValid) return;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    report(at, 'ring is not closed (first position differs from last), expected a closed linear ring');
  }
}

function checkPolygon(coords: unknown, at: string, report: Report): void {
  if (!Array.isArray(coords) || coords.length === 0) {
    report(at, 'a Polygon needs at least one ring, found none');
    return;
  }
  coords.forEach((ring, i) => checkRing(ring, `${at}/${i}`, report));
}

/** Checks one feature's geometry; returns the problems found. */
export function checkGeometry(file: string, featurePointer: string, geometry: { type: string; coordinates: unknown }): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (pointer, message) => problems.push({ file, pointer, message });
  const at = `${featurePointer}/geometry/coordinates`;
  const coords = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      checkPosition(coords, at, report);
      break;
    case 'LineString':
      checkLine(coords, at, report);
      break;
    case 'Polygon':
      checkPolygon(coords, at, report);
      break;
    case 'MultiPolygon':
      if (!Array.isArray(coords) || coords.length === 0) report(at, 'a MultiPolygon needs at least one polygon, found none');
      else coords.forEach((poly, i) => checkPolygon(poly, `${at}/${i}`, report));
      break;
  }
  return problems;
}
