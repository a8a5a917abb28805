"""Running the passes over the input: on this machine's cores or on a Dask cluster, with records spilled to disk between them."""
