"""Invented bulk data for the benchmark: what `manage.py seed_bench` writes.

A deterministic data set (fixed seed) of many budget years, applications from all
290 kommuner and every table that belongs to an application, written with bulk
inserts: PostgreSQL's COPY, or batched INSERTs on other databases.

Every row is marked so that it can be told from real data and removed again:
diarienummer and case codes start with ``BENCH_PREFIX``, budget years and
organisations carry ``BENCH_MARK``, user names start with ``BENCH_USER_PREFIX``.
There are no names of persons and no personnummer; users have no usable password.
"""
