"""The JSON shapes every face shares (the contract's objects), one module per capability."""
