/**
 * SVG to PNG for the deck, with resvg (@resvg/resvg-js: a Rust renderer shipped as a prebuilt
 * binary inside its npm package, so it installs and runs offline, with no browser). Text is drawn
 * with DejaVu Sans or Liberation Sans where Debian puts them (Chromium and LibreOffice install
 * them), else with whatever fonts the system has.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

/** Font files tried first (Debian's fonts-dejavu-core and fonts-liberation paths). */
const FONT_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
];

/**
 * Renders a standalone SVG to a PNG at `scale` times its size, on white.
 * @throws Error when the SVG cannot be parsed.
 */
export function svgToPng(svg: string, scale = 1): Buffer {
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const r = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles, loadSystemFonts: true, defaultFontFamily: fontFiles.length ? "DejaVu Sans" : undefined },
  });
  const png = r.render().asPng();
  return Buffer.from(png);
}
