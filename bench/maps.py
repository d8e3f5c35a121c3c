"""Benchmark of the map: 10,000 synthetic events over Europe and the Middle East.

Prints the size of the standalone HTML, the time to build the layers and the map, and the time
until headless Chromium has drawn it (``page.goto`` of the file until both vector paths and
markers are on the page, with every non-file request blocked, as offline).

Run: ``.venv/bin/python bench/maps.py [--events 10000] [--seed 7] [--out bench/results]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._chromium import available, block_network, chromium
from gazetteer import open_gazetteer
from geo.maps.assets import inline_assets
from geo.maps.basemap import country_outlines
from geo.maps.folium_map import build_map
from geo.maps.layers import build_layers
from geo.model import Event, EventPlace

# (name, lat, lon, country)
CITIES = [
    ("Kyiv", 50.45, 30.52, "UA"), ("Kharkiv", 49.99, 36.23, "UA"), ("Odesa", 46.48, 30.72, "UA"),
    ("Donetsk", 48.0, 37.8, "UA"), ("Zaporizhzhia", 47.84, 35.14, "UA"),
    ("Kherson", 46.64, 32.61, "UA"), ("Lviv", 49.84, 24.03, "UA"), ("Moscow", 55.75, 37.62, "RU"),
    ("Belgorod", 50.6, 36.59, "RU"), ("Rostov-on-Don", 47.23, 39.72, "RU"),
    ("Kursk", 51.73, 36.19, "RU"), ("Minsk", 53.9, 27.57, "BY"), ("Warsaw", 52.23, 21.01, "PL"),
    ("Rzeszow", 50.04, 22.0, "PL"), ("Brussels", 50.85, 4.35, "BE"), ("Paris", 48.86, 2.35, "FR"),
    ("Berlin", 52.52, 13.4, "DE"), ("Vienna", 48.21, 16.37, "AT"), ("Geneva", 46.2, 6.14, "CH"),
    ("Rome", 41.9, 12.5, "IT"), ("Ankara", 39.92, 32.85, "TR"), ("Istanbul", 41.01, 28.98, "TR"),
    ("Gaziantep", 37.07, 37.38, "TR"), ("Damascus", 33.51, 36.29, "SY"),
    ("Aleppo", 36.2, 37.16, "SY"), ("Idlib", 35.93, 36.63, "SY"), ("Homs", 34.73, 36.71, "SY"),
    ("Deir ez-Zor", 35.34, 40.14, "SY"), ("Raqqa", 35.95, 39.01, "SY"),
    ("Baghdad", 33.31, 44.37, "IQ"), ("Mosul", 36.34, 43.13, "IQ"), ("Erbil", 36.19, 44.01, "IQ"),
    ("Basra", 30.51, 47.81, "IQ"), ("Beirut", 33.89, 35.5, "LB"), ("Tyre", 33.27, 35.2, "LB"),
    ("Gaza", 31.5, 34.47, "PS"), ("Rafah", 31.28, 34.25, "PS"), ("Jerusalem", 31.77, 35.21, "IL"),
    ("Tel Aviv", 32.08, 34.78, "IL"), ("Amman", 31.95, 35.93, "JO"), ("Cairo", 30.04, 31.24, "EG"),
    ("Riyadh", 24.71, 46.68, "SA"), ("Sanaa", 15.37, 44.19, "YE"), ("Aden", 12.79, 45.02, "YE"),
    ("Hodeidah", 14.8, 42.95, "YE"), ("Tehran", 35.69, 51.39, "IR"),
    ("Isfahan", 32.65, 51.67, "IR"), ("Doha", 25.29, 51.53, "QA"), ("Muscat", 23.59, 58.41, "OM"),
    ("Tripoli", 32.89, 13.19, "LY"), ("Benghazi", 32.12, 20.09, "LY"),
    ("Khartoum", 15.5, 32.56, "SD"), ("Tbilisi", 41.72, 44.79, "GE"), ("Baku", 40.41, 49.87, "AZ"),
    ("Yerevan", 40.18, 44.51, "AM"), ("Chisinau", 47.01, 28.86, "MD"),
    ("Bucharest", 44.43, 26.1, "RO"), ("Athens", 37.98, 23.73, "GR"),
]  # fmt: skip
PORTS = [
    ("Sevastopol", 44.62, 33.53, "UA"), ("Novorossiysk", 44.72, 37.77, "RU"),
    ("Odesa", 46.48, 30.72, "UA"), ("Constanta", 44.17, 28.65, "RO"),
    ("Tartus", 34.89, 35.89, "SY"), ("Latakia", 35.52, 35.78, "SY"), ("Haifa", 32.82, 34.99, "IL"),
    ("Limassol", 34.68, 33.04, "CY"), ("Piraeus", 37.94, 23.64, "GR"), ("Souda Bay", 35.49, 24.1, "GR"),
    ("Naples", 40.84, 14.25, "IT"), ("Toulon", 43.12, 5.93, "FR"), ("Rota", 36.62, -6.35, "ES"),
    ("Gibraltar", 36.14, -5.35, "GI"), ("Alexandria", 31.2, 29.92, "EG"),
    ("Port Said", 31.26, 32.3, "EG"), ("Jeddah", 21.49, 39.19, "SA"), ("Djibouti", 11.59, 43.15, "DJ"),
    ("Aden", 12.79, 45.02, "YE"), ("Bandar Abbas", 27.18, 56.27, "IR"), ("Manama", 26.23, 50.59, "BH"),
    ("Duqm", 19.67, 57.7, "OM"), ("Kaliningrad", 54.71, 20.51, "RU"), ("Gdynia", 54.52, 18.53, "PL"),
    ("Mediterranean Sea", 35.0, 18.0, ""), ("Red Sea", 20.0, 38.5, ""),
]  # fmt: skip
STRAITS = [
    ("Bosphorus", 41.12, 29.07, "TR"), ("Dardanelles", 40.2, 26.4, "TR"),
    ("Suez Canal", 30.6, 32.33, "EG"), ("Bab-el-Mandeb", 12.6, 43.4, ""),
    ("Strait of Hormuz", 26.57, 56.25, ""), ("Strait of Gibraltar", 35.97, -5.5, ""),
]  # fmt: skip
ACTORS = [
    ("Russian forces", "RU"), ("Ukrainian forces", "UA"), ("Israeli forces", "IL"),
    ("Hamas", "PS"), ("Hezbollah", "LB"), ("Houthis", "YE"), ("Syrian Army", "SY"),
    ("Turkish Armed Forces", "TR"), ("US Navy", "US"), ("Iranian Navy", "IR"), ("NATO", ""),
    ("Civilians", ""), ("UNHCR", ""),
]  # fmt: skip
LAYER_WEIGHTS = {
    "strike": 0.4,
    "diplomacy": 0.2,
    "troop_movement": 0.18,
    "naval_deployment": 0.1,
    "displacement": 0.12,
}


def _place(
    role: str, item: tuple[str, float, float, str], rng: random.Random, jitter: float = 0.25
) -> EventPlace:
    name, lat, lon, cc = item
    return EventPlace(
        role=role,
        place_id=f"bench:{name}",
        name=name,
        lat=lat + rng.uniform(-jitter, jitter),
        lon=lon + rng.uniform(-jitter, jitter),
        feature="city",
        country=cc,
        precision=1,
    )


def _places(layer: str, rng: random.Random) -> tuple[tuple[EventPlace, ...], str]:
    if layer == "naval_deployment":
        # ports and straits are fixed places (no jitter): legs repeat, as in real reporting
        a, b = rng.sample(PORTS, 2)
        places = [_place("origin", a, rng, 0.0)]
        if rng.random() < 0.4:
            places.append(_place("via", rng.choice(STRAITS), rng, 0.0))
        places.append(_place("destination", b, rng, 0.0))
        return tuple(places), ""
    if layer in ("troop_movement", "displacement"):
        a, b = rng.sample(CITIES, 2)
        return (_place("origin", a, rng), _place("destination", b, rng)), ""
    if layer == "diplomacy":
        if rng.random() < 0.4:
            a, b = rng.sample(CITIES, 2)
            return (_place("endpoint", a, rng, 0.0), _place("endpoint", b, rng, 0.0)), "call"
        return (_place("venue", rng.choice(CITIES), rng),), "meeting"
    role = "target" if rng.random() < 0.3 else "location"
    return (_place(role, rng.choice(CITIES), rng),), ""


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    """``n`` random but reproducible events over all layers."""
    rng = random.Random(seed)
    layers = list(LAYER_WEIGHTS)
    weights = list(LAYER_WEIGHTS.values())
    events = []
    for i in range(n):
        layer = rng.choices(layers, weights)[0]
        places, kind = _places(layer, rng)
        a1, a2 = rng.sample(ACTORS, 2)
        day = rng.randint(1, 365)
        month, dom = min(12, 1 + (day - 1) // 31), 1 + (day - 1) % 28
        fatalities = int(rng.expovariate(1 / 8)) if layer == "strike" else None
        names = ", ".join(p.name for p in places)
        evidence = (
            f"{a1[0]} reported activity near {names} on day {day}, according to officials "
            f"quoted by local media; <b>figures</b> could not be independently verified."
        )
        events.append(
            Event(
                event_id=f"bench-{i:05d}",
                event_date=date(2024, month, dom),
                layer=layer,
                event_type=layer.replace("_", " ").title(),
                evidence=evidence,
                doc_id=f"doc-{i // 5}",
                start=0,
                end=len(evidence),
                time_precision="day",
                actor1=a1[0],
                actor1_country=a1[1],
                actor2=a2[0],
                actor2_country=a2[1],
                fatalities=fatalities,
                source="Bench Wire",
                source_url=f"https://example.org/news/{i}",
                confidence=round(rng.uniform(0.4, 0.95), 2),
                locations=places,
                kind=kind,
            )
        )
    return events


def browser_draw_time(path: Path) -> float | None:
    """Seconds from ``goto`` until paths and markers are drawn, or ``None`` without Chromium."""
    if not available():
        return None
    drawn = (
        "document.querySelectorAll('.leaflet-overlay-pane path').length > 0 && "
        "document.querySelectorAll('.leaflet-marker-pane > *').length > 0"
    )
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        block_network(page)
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=120_000)
        page.wait_for_function(drawn, timeout=120_000)
        return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()

    events = synthetic_events(args.events, args.seed)
    outlines = country_outlines(open_gazetteer())  # the base map, drawn once as the app does
    t0 = time.perf_counter()
    layers = build_layers(events)
    t1 = time.perf_counter()
    fmap = build_map(events, layers, title="Benchmark", outlines=outlines)
    t2 = time.perf_counter()
    html = inline_assets(fmap.get_root().render())
    t3 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "map_bench.html"
    path.write_text(html, encoding="utf-8")
    counts = ", ".join(f"{k}={len(v)}" for k, v in layers.items())
    print(f"events: {len(events)} ({counts})")
    print(f"build layers: {t1 - t0:.2f} s")
    print(f"build map: {t2 - t1:.2f} s")
    print(f"render + inline HTML: {t3 - t2:.2f} s")
    print(f"layers + map + HTML: {t3 - t0:.2f} s")
    print(f"HTML size: {len(html.encode('utf-8')) / 1e6:.2f} MB ({path})")
    draw = browser_draw_time(path)
    print("browser draw: " + (f"{draw:.2f} s" if draw is not None else "skipped (no Chromium)"))


if __name__ == "__main__":
    main()
