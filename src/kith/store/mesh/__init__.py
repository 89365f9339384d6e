"""Who knows whom: the mesh's evidence, circles, the network, introductions, referrals, ledger."""
