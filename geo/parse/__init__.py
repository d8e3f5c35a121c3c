"""Reading places in text: sentences and tokens (``text``), runs of capitalised words
(``runs``), gazetteer name matching and its rules (``toponyms``), ranking the candidates in the
document's context (``resolve``), the geoparser that joins them (``geoparse``), and long texts
cut into windows (``windows``)."""
