"""What comes in and what is kept: articles read and decoded (``ingest``, ``decode``), event
tables and the tool's own exports read back (``records``), the user's decisions (``decisions``,
``corrections``, ``reviews``), atomic writes (``atomic``) and the notices of reading
(``notices``)."""
