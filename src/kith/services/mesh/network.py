"""Who knows whom, light enough for every introduction candidate on profile L: the mesh's
pairwise evidence (without past jobs) and the colleagues of each organisation now, read as
arrays (relate.mesh_known), whose neighbourhoods are put together only for the people asked
about."""

from __future__ import annotations

from kith.relate import intros
from kith.relate.mesh_known import Known
from kith.store import Store
from kith.store.mesh import mesh_keys
from kith.store.mesh.evidence import ORG_MAX_MEMBERS


def read(store: Store) -> Known:
    """The network from the store (inside the caller's read)."""
    contacts = mesh_keys.contact_ids(store.connection)
    people, orgs = mesh_keys.current_jobs(store.connection, contacts, ORG_MAX_MEMBERS)
    return Known.build(mesh_keys.pair_keys(store.connection, contacts), people, orgs)


def ra_line(network: Known, sample: int, mesh_quantile: float) -> float:
    """The `mesh_quantile` of resource allocation over up to `sample` existing ties (every
    k-th in id order, so the same network gives the same line): a candidate above it
    probably knows the other already (science.md §6)."""
    values = [network.overlap(a, b).ra for a, b in network.sampled_edges(sample)]
    return intros.percentile([v for v in values if v > 0], mesh_quantile)
