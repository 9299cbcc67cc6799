"""Azerbaijan's amnesties and pardons: sourced data, DuckDB build, exports and CLI."""
