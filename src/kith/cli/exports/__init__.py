"""Data in and out: backup, restore, import, export (csv, graph, vcard), calendar, seen."""
