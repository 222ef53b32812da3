// Leaflet lives only in the map page's chunk (this module is imported by GridMapPage.vue alone).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { GridView } from '@jiceng/contract';

export interface GridMapOptions {
  /** tile URL template; none (no internet on site) = polygons on a blank background */
  tileUrl?: string;
  colourOf: (grid: GridView) => string;
  tooltipOf: (grid: GridView) => string;
  onClick: (grid: GridView) => void;
  /** fill opacity at rest (default 0.3; stronger when the colours carry a figure) */
  fillOpacity?: () => number;
}

export interface GridMap {
  show(grids: readonly GridView[], focusId?: string): void;
  destroy(): void;
}

export function createGridMap(el: HTMLElement, opts: GridMapOptions): GridMap {
  const map = L.map(el, { zoomControl: true, attributionControl: Boolean(opts.tileUrl), zoomSnap: 0.25 });
  if (opts.tileUrl) L.tileLayer(opts.tileUrl, { maxZoom: 19 }).addTo(map);
  const layer = L.featureGroup().addTo(map);
  map.setView([30, 114], 12);

  return {
    show(grids, focusId) {
      layer.clearLayers();
      let focus: L.Layer | undefined;
      const rest = opts.fillOpacity?.() ?? 0.3;
      for (const g of grids) {
        if (!g.boundary) continue;
        const colour = opts.colourOf(g);
        const poly = L.geoJSON(g.boundary as GeoJSON.GeoJsonObject, {
          style: {
            color: g.sizeFlag === 'ok' ? colour : '#e6a23c',
            weight: g.id === focusId ? 4 : 2,
            dashArray: g.sizeFlag === 'ok' ? undefined : '6 4',
            fillColor: colour,
            fillOpacity: g.id === focusId ? Math.max(0.55, rest) : rest,
          },
        });
        poly.bindTooltip(opts.tooltipOf(g), { sticky: true });
        poly.on('click', () => opts.onClick(g));
        poly.on('mouseover', () => poly.setStyle({ fillOpacity: Math.min(0.85, rest + 0.25) }));
        poly.on('mouseout', () => poly.setStyle({ fillOpacity: g.id === focusId ? Math.max(0.55, rest) : rest }));
        poly.addTo(layer);
        if (g.id === focusId) focus = poly;
      }
      const bounds = focus instanceof L.GeoJSON ? focus.getBounds() : layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
    },
    destroy() {
      map.remove();
    },
  };
}
