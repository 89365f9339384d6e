"""The command-line face: parse, call one service, render. No SQL and no parsing of data here."""
