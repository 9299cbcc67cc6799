"""Browser end-to-end tests.

A package so that its conftest is imported as `e2e.conftest` and does not replace tests/conftest.py
as the module `conftest`: two modules of one name would clash.
"""
