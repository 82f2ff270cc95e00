// The parts of Leaflet 1.9 that the widget and the console use, bundled (by `cargo xtask build`,
// with esbuild) into the widget's `leaflet-esm.js` (see leaflet-module.js), which binds it
// without a global, and into the console's `leaflet.js` (console/leaflet-console.js, which adds
// polygons for the areas), as the global `L` that leaflet-rs binds to.
// Left out, since the widget draws none of them: popups, GeoJSON, polylines and polygons, image
// and video overlays, WMS tiles, the layers and scale controls (36 → 31 KB brotli).
export * from "leaflet/src/core/index";
export * from "leaflet/src/dom/index";
export * from "leaflet/src/geometry/index";
export * from "leaflet/src/geo/index";
// The map and all its handlers (keyboard, drag, zoom by wheel, double click, touch and box).
export * from "leaflet/src/map/index";

import { Control, control } from "leaflet/src/control/Control";
import { Zoom, zoom } from "leaflet/src/control/Control.Zoom";
import { Attribution, attribution } from "leaflet/src/control/Control.Attribution";
Control.Zoom = Zoom;
Control.Attribution = Attribution;
control.zoom = zoom;
control.attribution = attribution;
export { Control, control };

export { Layer } from "leaflet/src/layer/Layer";
export { LayerGroup, layerGroup } from "leaflet/src/layer/LayerGroup";
export { FeatureGroup, featureGroup } from "leaflet/src/layer/FeatureGroup";
export { DivOverlay } from "leaflet/src/layer/DivOverlay";
export { Tooltip, tooltip } from "leaflet/src/layer/Tooltip";
export * from "leaflet/src/layer/marker/index";
export { GridLayer, gridLayer } from "leaflet/src/layer/tile/GridLayer";
export { TileLayer, tileLayer } from "leaflet/src/layer/tile/TileLayer";

// Circle markers (the public map's clusters and places) and the renderers that draw them.
export { Renderer } from "leaflet/src/layer/vector/Renderer";
export { Canvas, canvas } from "leaflet/src/layer/vector/Canvas";
import { SVG, create, pointsToPath, svg } from "leaflet/src/layer/vector/SVG";
SVG.create = create;
SVG.pointsToPath = pointsToPath;
export { SVG, svg };
import "leaflet/src/layer/vector/Renderer.getRenderer";
export { Path } from "leaflet/src/layer/vector/Path";
export { CircleMarker, circleMarker } from "leaflet/src/layer/vector/CircleMarker";
export { Circle, circle } from "leaflet/src/layer/vector/Circle";
