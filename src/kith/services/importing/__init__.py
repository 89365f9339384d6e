"""Importing: reading records into the store — people, the log, mail, staged large files."""
