"""Benchmarks of ``enrich`` at scale: synthetic lists, local fake services, one table.

Not part of the installed package: run from a clone with ``python -m benchmarks.run``.
"""
