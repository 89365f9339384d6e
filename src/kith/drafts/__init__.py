"""Short personal messages (claim notes, check-ins, shares, thanks, reconnects, asks) rendered
from plain-text templates the user can edit."""
