/* The app's live map: a Streamlit component (plain script, no build step).
 *
 * The batch's features are fetched once per batch (data/<key>.json, written by geo.maps.live);
 * each rerun of the app then sends only small arguments: which events the filters keep (one
 * "0"/"1" per event of the batch), the title, the selected event's places and the tiles
 * switch. The Leaflet map, its layers, clusters and popups stay alive between reruns: a filter
 * change adds and removes features, it does not redraw the map.
 *
 * Every string of a feature was HTML-escaped in Python (geo.maps.folium_map.map_properties);
 * the title and the legend's labels are set as text here.
 */
(function () {
    "use strict";
    var HIGHLIGHT = "#ff00aa";
    var map = null, tileLayer = null, outlinesAsked = false;
    var dataKey = null, loading = null, latest = null;
    var items = [];          // {k, layer, date, leaflet, holder, on}
    var holders = [];        // layerGroup or markerClusterGroup, per layer and geometry
    var specs = [];          // the layers' labels, colours and symbols
    var shownMask = null, focusKey = null, highlight = null;
    var legendDiv = null, timeline = null;

    function post(type, extra) {
        var msg = {isStreamlitMessage: true, type: type};
        Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
        window.parent.postMessage(msg, "*");
    }

    function ensureMap(args) {
        if (map !== null) { return; }
        var box = document.getElementById("map");
        box.style.height = args.height + "px";
        box.style.background = args.sea;
        map = L.map(box, {minZoom: 1, maxZoom: 18, center: [35, 30], zoom: 4});
        L.control.scale().addTo(map);
        legendDiv = addLegend();
        timeline = addTimeline();
    }

    function setTiles(on) {
        if (on && tileLayer === null) {
            tileLayer = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
                maxZoom: 19,
                attribution: "&copy; OpenStreetMap contributors"
            }).addTo(map);
            tileLayer.bringToBack();
        } else if (!on && tileLayer !== null) {
            map.removeLayer(tileLayer);
            tileLayer = null;
        }
    }

    // The country outlines (a large file) are asked for once the events are drawn, so they do
    // not hold the first features back; they are painted on a canvas in a pane under the
    // events' (hundreds of polygons: cheaper than as many SVG paths).
    function addOutlines(style) {
        if (outlinesAsked) { return; }
        outlinesAsked = true;
        var pane = map.createPane("cm-outlines");
        pane.style.zIndex = 350;  // over the tiles (200), under the events (400)
        pane.style.pointerEvents = "none";
        fetch("outlines.json").then(function (r) { return r.ok ? r.json() : null; })
            .then(function (geojson) {
                if (!geojson) { return; }
                L.geoJSON(geojson, {style: function () { return style; }, interactive: false,
                                    pane: "cm-outlines",
                                    renderer: L.canvas({pane: "cm-outlines"})}).addTo(map);
            }).catch(function () { /* no outlines: the sea colour only */ });
    }

    function styleOf(spec) {
        return function (feature) {
            var p = feature.properties;
            if (feature.geometry.type === "Point") {
                return {color: spec.color, fill: true, fillColor: spec.color, fillOpacity: 0.55,
                        weight: 1, radius: p.radius || 7};
            }
            return {color: spec.color, weight: 3, opacity: 0.85,
                    dashArray: spec.name === "naval_deployment" && p.routed === false
                        ? "12 4" : null};
        };
    }

    function onEach(arrows) {
        return function (feature, layer) {
            layer.bindPopup(function (l) { return cmPopup(l.feature.properties); },
                            {maxWidth: 340, maxHeight: 260, autoPanPadding: [24, 24]});
            layer.bindTooltip(function (l) { return cmTooltip(l.feature.properties); },
                              {sticky: true});
            if (arrows && feature.geometry.type !== "Point") { layer.on("add", cmArrow); }
            layer.on("click", function () { pick(feature.id); });
        };
    }

    // A click on a feature (its popup opens as before) selects its event in the app: the
    // value carries the event's id and a count of clicks, so a second click on the same
    // feature is a new pick. The zoom to the selection that the app sends back is skipped:
    // the analyst is looking at the feature already (and its popup stays open).
    var picks = 0, justPicked = false;
    function pick(eventId) {
        if (eventId === undefined || eventId === null) { return; }
        picks += 1;
        justPicked = true;
        post("streamlit:setComponentValue",
             {value: {drawn: true, picked: String(eventId), n: picks}, dataType: "json"});
    }

    function build(data) {
        holders.forEach(function (h) { map.removeLayer(h); });
        holders = [];
        items = [];
        specs = data.layers;
        specs.forEach(function (spec) {
            var mine = data.features.filter(function (f) { return f.properties.layer === spec.name; });
            var lines = mine.filter(function (f) { return f.geometry.type !== "Point"; });
            var points = mine.filter(function (f) { return f.geometry.type === "Point"; });
            [[lines, false], [points, spec.clustered]].forEach(function (pair) {
                if (!pair[0].length) { return; }
                var holder = pair[1]
                    ? L.markerClusterGroup({maxClusterRadius: 40, spiderfyOnMaxZoom: true})
                    : L.layerGroup();
                holder.cmCluster = pair[1];
                holder.addTo(map);
                holders.push(holder);
                var made = L.geoJSON(null, {
                    style: styleOf(spec),
                    pointToLayer: function (f, at) { return L.circleMarker(at); },
                    onEachFeature: onEach(spec.arrows)
                });
                made.addData({type: "FeatureCollection", features: pair[0]});
                made.getLayers().forEach(function (l) {
                    var p = l.feature.properties;
                    items.push({k: p.k, layer: spec.name, date: p.date || "", leaflet: l,
                                holder: holder, on: false});
                });
            });
        });
        if (data.bounds) { map.fitBounds(data.bounds, {maxZoom: 8, padding: [20, 20]}); }
    }

    // Show the items the filters keep and, of those, the ones dated up to ``cut``.
    function show(cut) {
        var adds = new Map(), drops = new Map();
        items.forEach(function (it) {
            var kept = shownMask !== null && shownMask.charAt(it.k) === "1";
            var on = kept && (cut === null || (!!it.date && it.date <= cut));
            if (on === it.on) { return; }
            it.on = on;
            var bucket = on ? adds : drops;
            if (!bucket.has(it.holder)) { bucket.set(it.holder, []); }
            bucket.get(it.holder).push(it.leaflet);
        });
        drops.forEach(function (list, holder) {
            if (holder.cmCluster) { holder.removeLayers(list); }
            else { list.forEach(function (l) { holder.removeLayer(l); }); }
        });
        adds.forEach(function (list, holder) {
            if (holder.cmCluster) { holder.addLayers(list); }
            else { list.forEach(function (l) { holder.addLayer(l); }); }
        });
    }

    function addLegend() {
        var control = L.control({position: "bottomleft"});
        var div = L.DomUtil.create("div", "cm-legend");
        div.style.cssText = "background:rgba(255,255,255,.92);padding:6px 9px;"
            + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);"
            + "font:12px/1.5 sans-serif;color:#222";
        control.onAdd = function () { return div; };
        control.addTo(map);
        return div;
    }

    function fillLegend(title) {
        var counts = {};
        items.forEach(function (it) {
            if (shownMask !== null && shownMask.charAt(it.k) === "1") {
                counts[it.layer] = (counts[it.layer] || 0) + 1;
            }
        });
        legendDiv.textContent = "";
        if (title) {
            var head = L.DomUtil.create("div", "", legendDiv);
            head.style.cssText = "font-weight:bold;margin-bottom:3px";
            head.textContent = title;
        }
        specs.forEach(function (spec) {
            var row = L.DomUtil.create("div", "", legendDiv);
            var sym = L.DomUtil.create("span", "", row);
            sym.style.cssText = "display:inline-block;width:1.4em;text-align:center;color:#fff;"
                + "border-radius:3px;margin-right:5px;background:" + spec.color;
            sym.textContent = spec.icon;
            row.appendChild(document.createTextNode(
                spec.label + " (" + (counts[spec.name] || 0) + ")"));
        });
    }

    function addTimeline() {
        var state = {dates: [], timer: null};
        var control = L.control({position: "bottomright"});
        var div = L.DomUtil.create("div", "cm-timeline");
        div.style.cssText = "background:rgba(255,255,255,.92);padding:5px 8px;"
            + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);"
            + "font:12px sans-serif;display:flex;gap:6px;align-items:center";
        var button = L.DomUtil.create("button", "cm-play", div);
        button.type = "button";
        button.title = "Play the events by date";
        var slider = L.DomUtil.create("input", "cm-slider", div);
        slider.type = "range";
        slider.min = 0;
        slider.style.width = "180px";
        var label = L.DomUtil.create("span", "cm-date", div);
        label.style.minWidth = "9em";
        function apply(i) {
            var cut = i >= state.dates.length ? null : state.dates[i];
            show(cut);
            label.textContent = cut === null ? "all dates" : "up to " + cut;
        }
        function stop() {
            if (state.timer !== null) { clearInterval(state.timer); state.timer = null; }
            button.textContent = "\u25b6";
        }
        slider.addEventListener("input", function () { stop(); apply(+slider.value); });
        button.addEventListener("click", function () {
            if (state.timer !== null) { stop(); return; }
            var i = +slider.value >= state.dates.length ? 0 : +slider.value;
            button.textContent = "\u25a0";
            slider.value = i; apply(i);
            state.timer = setInterval(function () {
                i += 1;
                slider.value = i; apply(i);
                if (i >= state.dates.length) { stop(); }
            }, 700);
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        control.onAdd = function () { return div; };
        control.addTo(map);
        return {
            // new filters: every kept event shown, the slider at "all dates"
            reset: function () {
                stop();
                var seen = {};
                items.forEach(function (it) {
                    if (it.date && shownMask.charAt(it.k) === "1") { seen[it.date] = true; }
                });
                state.dates = Object.keys(seen).sort();
                slider.max = state.dates.length;
                slider.value = state.dates.length;
                div.style.display = state.dates.length ? "flex" : "none";
                apply(state.dates.length);
            }
        };
    }

    function setFocus(focus) {
        var key = JSON.stringify(focus || null);
        if (key === focusKey) { return; }
        focusKey = key;
        if (highlight !== null) { map.removeLayer(highlight); highlight = null; }
        if (!focus || !focus.length) { return; }
        highlight = L.layerGroup();
        if (focus.length > 1) {
            L.polyline(focus, {color: HIGHLIGHT, weight: 7, opacity: 0.6, interactive: false})
                .addTo(highlight);
        }
        focus.forEach(function (at) {
            // not interactive: a click on the ring reaches the event's own marker and popup
            L.circleMarker(at, {color: HIGHLIGHT, weight: 4, fill: true, fillOpacity: 0.15,
                                radius: 14, interactive: false}).addTo(highlight);
        });
        highlight.addTo(map);
        var lats = focus.map(function (p) { return p[0]; });
        var lons = focus.map(function (p) { return p[1]; });
        var pad = 0.3;
        if (justPicked) { return; }
        map.fitBounds([[Math.min.apply(null, lats) - pad, Math.min.apply(null, lons) - pad],
                       [Math.max.apply(null, lats) + pad, Math.max.apply(null, lons) + pad]],
                      {maxZoom: 9});
    }

    function apply(args) {
        var t0 = performance.now();
        setTiles(!!args.tiles);
        if (args.shown !== shownMask) {
            shownMask = args.shown;
            timeline.reset();
        }
        fillLegend(args.title);
        setFocus(args.focus);
        justPicked = false;
        // what the benchmark reads: when the last arguments came, and the map's own work
        var timing = {received: received, applied: performance.now() - t0, painted: null};
        window.cmTiming = timing;
        requestAnimationFrame(function () {
            timing.painted = performance.timeOrigin + performance.now();
        });
    }

    var received = 0, reported = false;

    // Once the first features are drawn (or could not be), the component's value says so
    // ({drawn: true}) when the app asked for it (a first page): the app then draws what lies
    // under the map, whose scripts would otherwise slow it down.
    function reportDrawn() {
        if (reported || !latest.report) { return; }
        reported = true;
        post("streamlit:setComponentValue",
             {value: {drawn: true, picked: null, n: picks}, dataType: "json"});
    }

    // Once the browser has painted the events: the outlines (parsing and drawing them takes
    // a few tenths of a second) and the report that brings the rest of the page, both of
    // which would otherwise hold that first painting back.
    function afterPaint(then) {
        requestAnimationFrame(function () { setTimeout(then, 0); });
    }

    function finish() {
        reportDrawn();
        addOutlines(JSON.parse(latest.outline_style));
    }

    function render(args) {
        received = performance.timeOrigin + performance.now();
        latest = args;
        ensureMap(args);
        post("streamlit:setFrameHeight", {height: args.height});
        if (args.data === dataKey) {
            if (loading === null) { apply(args); }
            return;
        }
        dataKey = args.data;
        var asked = dataKey;
        loading = fetch(args.data).then(function (r) {
            if (!r.ok) { throw new Error("no map data: " + r.status); }
            return r.json();
        }).then(function (data) {
            if (asked !== dataKey) { return; }  // a newer batch is on its way
            loading = null;
            shownMask = null;
            focusKey = null;
            build(data);
            apply(latest);
            afterPaint(finish);
        }).catch(function () {
            if (asked === dataKey) { dataKey = null; loading = null; }  // the next run asks again
            afterPaint(finish);
        });
    }

    // for the browser tests: the features, each with its layer, Leaflet layer and holder
    window.cmFeatures = function () { return items; };

    window.addEventListener("message", function (event) {
        var msg = event.data;
        if (msg && msg.type === "streamlit:render") { render(msg.args); }
    });
    post("streamlit:componentReady", {apiVersion: 1});
}());
