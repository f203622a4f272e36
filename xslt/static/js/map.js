/*
 * map.js - maps on Dimos pages, as progressive enhancement.
 *
 * Every page works without this script: an address is typed, its point
 * may be given in the latitude / longitude inputs, and reports are listed
 * beside their map. With it, each container the stylesheets render
 * (xslt/pages/map.xsl: a hidden <div data-map="...">) becomes a Leaflet
 * map that shows the municipality's boundary and settlements (fetched
 * from data-area, so they show even when no tiles can be loaded):
 *   field    an address field's point: tap or drag the pin, "use my
 *            location" (the browser's geolocation), "point at the centre"
 *            for keyboard users; fills <field>_lat / _lon, picks the
 *            nearest settlement, warns about a point outside the boundary
 *            (the server checks it too);
 *   reports  open reports (data-reports, GeoJSON points) with a popup each;
 *   point    one place (data-lat, data-lon).
 * Text comes from data-msg-* attributes (in the page's language); nothing
 * from the network is ever inserted as HTML.
 */
(function () {
	'use strict';

	if (!window.L || !document.querySelectorAll || !window.fetch)
		return;

	var EARTH = 6371008.8;

	function rad(d) {
		return d * Math.PI / 180;
	}

	function distance(a, b) {
		var dlat = rad(b.lat - a.lat), dlon = rad(b.lng - a.lng);
		var h = Math.pow(Math.sin(dlat / 2), 2) + Math.cos(rad(a.lat)) *
		    Math.cos(rad(b.lat)) * Math.pow(Math.sin(dlon / 2), 2);

		return 2 * EARTH * Math.asin(Math.sqrt(Math.min(1, h)));
	}

	/* Even-odd test on a GeoJSON ring of [lon, lat]. */
	function inRing(ring, p) {
		var inside = false;

		for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			var a = ring[i], b = ring[j];

			if ((a[1] > p.lat) !== (b[1] > p.lat) && p.lng <
			    (b[0] - a[0]) * (p.lat - a[1]) / (b[1] - a[1]) + a[0])
				inside = !inside;
		}
		return inside;
	}

	function inPolygons(polys, p) {
		return polys.some(function (rings) {
			return inRing(rings[0], p) && !rings.slice(1).some(
			    function (hole) { return inRing(hole, p); });
		});
	}

	/* The boundary's polygons and the settlements of an area file. */
	function readArea(gj) {
		var area = { polygons: [], settlements: [] };

		(gj.features || []).forEach(function (f) {
			var p = f.properties || {}, g = f.geometry || {};

			if (p.kind === 'boundary' && g.type === 'Polygon')
				area.polygons.push(g.coordinates);
			else if (p.kind === 'boundary' && g.type === 'MultiPolygon')
				area.polygons = area.polygons.concat(g.coordinates);
			else if (p.kind === 'settlement' && g.type === 'Point')
				area.settlements.push({ code: String(p.code),
				    el: String(p.name_el), en: String(p.name_en),
				    at: L.latLng(g.coordinates[1],
				    g.coordinates[0]) });
		});
		return area;
	}

	function text(tag, cls, s) {
		var e = document.createElement(tag);

		if (cls)
			e.className = cls;
		e.textContent = s;
		return e;
	}

	function setup(box) {
		var d = box.dataset, canvas = box.querySelector('.map__canvas');
		var status = box.querySelector('.map__status');
		var map, layers, area = null, ready = [];

		box.hidden = false;
		map = L.map(canvas, { zoomControl: false, center: [40.9, 23.5],
		    zoom: 11 });
		L.control.zoom({ zoomInTitle: d.msgZoomIn,
		    zoomOutTitle: d.msgZoomOut }).addTo(map);
		map.attributionControl.setPrefix(false);
		if (d.tiles) {
			var credit = document.createElement('a');

			credit.href = d.creditUrl || '#';
			credit.textContent = d.credit || '';
			L.tileLayer(d.tiles, { maxZoom: 19,
			    attribution: credit.outerHTML }).addTo(map);
		}
		layers = L.layerGroup().addTo(map);

		function say(msg) {
			if (status)
				status.textContent = msg || '';
		}

		function whenArea(fn) {
			if (area)
				fn(area);
			else
				ready.push(fn);
		}

		fetch(d.area, { credentials: 'same-origin' }).then(function (r) {
			if (!r.ok)
				throw new Error(r.status);
			return r.json();
		}).then(function (gj) {
			var lang = d.lang === 'en' ? 'en' : 'el';
			var outline = L.geoJSON(gj, {
				filter: function (f) {
					return f.properties &&
					    f.properties.kind === 'boundary';
				},
				style: { color: '#1d70b8', weight: 3,
				    fillColor: '#1d70b8', fillOpacity: 0.04 },
				interactive: false
			}).addTo(map);

			area = readArea(gj);
			area.settlements.forEach(function (s) {
				L.circleMarker(s.at, { radius: 4, weight: 1,
				    color: '#0b0c0c', fillColor: '#ffffff',
				    fillOpacity: 1, interactive: false })
				    .bindTooltip(text('span', '', s[lang]), {
				    permanent: true,
				    direction: 'right', className: 'map__label' })
				    .addTo(map);
			});
			if (!box.dataset.fitted && outline.getBounds().isValid())
				map.fitBounds(outline.getBounds());
			ready.splice(0).forEach(function (fn) { fn(area); });
		}).catch(function () {
			/* No area: the map still works, without an outline. */
		});

		return { map: map, layers: layers, say: say, whenArea: whenArea,
		    box: box };
	}

	function fieldMap(m) {
		var d = m.box.dataset, name = d.field, marker = null;
		var lat = document.getElementById('f-' + name + '_lat');
		var lon = document.getElementById('f-' + name + '_lon');
		var place = document.getElementById('f-' + name + '_settlement');
		var lang = d.lang === 'en' ? 'en' : 'el';

		if (!lat || !lon)
			return;

		function check(p) {
			m.whenArea(function (area) {
				var msg = d.msgPlaced, near = null, best = Infinity;

				if (area.polygons.length &&
				    !inPolygons(area.polygons, p)) {
					m.say(d.msgOutside);
					return;
				}
				area.settlements.forEach(function (s) {
					var k = distance(p, s.at);

					if (k < best) {
						best = k;
						near = s;
					}
				});
				if (near && place && place.tagName === 'SELECT' &&
				    place.querySelector('option[value="' +
				    near.code.replace(/[^a-z0-9-]/g, '') + '"]')) {
					place.value = near.code;
					msg += '. ' + d.msgSettlement + ': ' + near[lang];
				}
				m.say(msg + '.');
			});
		}

		function set(p, pan) {
			lat.value = p.lat.toFixed(6);
			lon.value = p.lng.toFixed(6);
			if (!marker) {
				marker = L.marker(p, { draggable: true,
				    autoPan: true, alt: d.msgMarker,
				    title: d.msgMarker }).addTo(m.layers);
				marker.on('dragend', function () {
					set(marker.getLatLng(), false);
				});
			} else
				marker.setLatLng(p);
			if (pan)
				m.map.setView(p, Math.max(m.map.getZoom(), 16));
			check(p);
		}

		function fromInputs() {
			var a = parseFloat(lat.value), b = parseFloat(lon.value);

			if (isFinite(a) && isFinite(b) && Math.abs(a) <= 90 &&
			    Math.abs(b) <= 180)
				set(L.latLng(a, b), true);
		}

		if (lat.value && lon.value) {
			m.box.dataset.fitted = '1';
			fromInputs();
		}
		m.map.on('click', function (e) { set(e.latlng, false); });
		lat.addEventListener('change', fromInputs);
		lon.addEventListener('change', fromInputs);
		if (place)
			place.addEventListener('change', function () {
				if (marker)
					return;
				m.whenArea(function (area) {
					area.settlements.forEach(function (s) {
						if (s.code === place.value)
							m.map.setView(s.at, 15);
					});
				});
			});
		m.box.querySelector('[data-action="centre"]').addEventListener(
		    'click', function () { set(m.map.getCenter(), false); });
		m.box.querySelector('[data-action="locate"]').addEventListener(
		    'click', function () {
			if (!navigator.geolocation) {
				m.say(d.msgGeoError);
				return;
			}
			m.say(d.msgLocating);
			navigator.geolocation.getCurrentPosition(function (pos) {
				set(L.latLng(pos.coords.latitude,
				    pos.coords.longitude), true);
			}, function () {
				m.say(d.msgGeoError);
			}, { enableHighAccuracy: true, timeout: 15000,
			    maximumAge: 60000 });
		});
	}

	function reportsMap(m) {
		var d = m.box.dataset;

		fetch(d.reports, { credentials: 'same-origin' }).then(
		    function (r) {
			if (!r.ok)
				throw new Error(r.status);
			return r.json();
		}).then(function (gj) {
			var points = [];

			(gj.features || []).forEach(function (f) {
				var p = f.properties || {}, g = f.geometry || {};
				var at, pop;

				if (g.type !== 'Point')
					return;
				at = L.latLng(g.coordinates[1], g.coordinates[0]);
				pop = document.createElement('div');
				pop.appendChild(text('strong', '', p.title || ''));
				pop.appendChild(text('p', 'map__popup-meta',
				    [p.status_label, p.date].filter(Boolean)
				    .join(' · ')));
				if (p.url && /^\/[^/\\]/.test(p.url)) {
					var a = text('a', '', d.msgOpen);

					a.href = p.url;
					pop.appendChild(a);
				}
				L.circleMarker(at, { radius: 8, weight: 2,
				    color: '#ffffff', fillOpacity: 0.9,
				    className: 'map__report map__report--' +
				    String(p.status || '').replace(/[^a-z_]/g, '')
				}).bindPopup(pop).addTo(m.layers);
				points.push(at);
			});
			if (points.length) {
				m.box.dataset.fitted = '1';
				m.map.fitBounds(L.latLngBounds(points).pad(0.2),
				    { maxZoom: 16 });
			}
		}).catch(function () {
			/* The list beside the map says the same. */
		});
	}

	function pointMap(m) {
		var d = m.box.dataset, at = L.latLng(parseFloat(d.lat),
		    parseFloat(d.lon));

		if (!isFinite(at.lat) || !isFinite(at.lng))
			return;
		m.box.dataset.fitted = '1';
		L.marker(at, { alt: d.msgMarker, title: d.msgMarker,
		    keyboard: false }).addTo(m.layers);
		m.map.setView(at, 16);
	}

	function start() {
		document.querySelectorAll('[data-map]').forEach(function (box) {
			var m = setup(box);

			if (box.dataset.map === 'field')
				fieldMap(m);
			else if (box.dataset.map === 'reports')
				reportsMap(m);
			else if (box.dataset.map === 'point')
				pointMap(m);
			/* Leaflet measures its container once shown. */
			m.map.invalidateSize();
		});
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', start);
	else
		start();
}());
