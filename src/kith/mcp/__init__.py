"""The MCP face: `kith mcp` serves Kith's tools to an AI assistant over stdio (the official
MCP Python SDK), returning the contract's JSON shapes with private text withheld."""
