"""The records and rules of the campaign, without Qt: the shared vocabulary at this level,
one package per domain below it (see docs/architecture.md)."""
