"""Pipeline stages, one module each; the order lives in :mod:`newsevents.pipeline`."""
