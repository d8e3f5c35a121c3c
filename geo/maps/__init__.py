"""Events drawn and written out: one GeoDataFrame per layer (``layers``), sea routes
(``routes``), the offline base map (``basemap``), the folium map (``folium_map``, with scripts
built from data by ``verbatim``), the app's live map (``live``), reading pane (``reading``) and
tables and labels (``tables``), and the files (``export``, ``kml``, ``gis_styles``)."""
