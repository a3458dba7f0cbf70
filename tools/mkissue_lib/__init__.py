"""Synthetic newspaper issue generator for Broadsheet (see tools/README-mkissue.md)."""
