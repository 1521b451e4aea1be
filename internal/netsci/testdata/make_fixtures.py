#!/usr/bin/env python3
"""Write the JSON fixtures that internal/netsci's Go tests compare against.

Run from this directory (see README.md for the NetworkX version used):

    python3 make_fixtures.py

For each network the fixture holds the node names, the group label of every
node (-1 = unknown), the undirected edges as index pairs, and the expected
values of every measure the Go package computes:

  betweenness              NetworkX betweenness_centrality(G, normalized=True)
  constraint               NetworkX constraint(G)       (NaN written as null)
  effective_size           NetworkX effective_size(G)   (NaN written as null)
  cross_group_betweenness  brute force below, from nx.all_shortest_paths
  brokerage                brute force below, by enumerating neighbour pairs

The brute-force definitions deliberately share nothing with the Go algorithms
(no Brandes dependency recursion, no triangle counting): they enumerate every
shortest path / every neighbour pair. As a check of the enumeration itself,
the same path enumeration without the group filter must reproduce NetworkX's
betweenness; the script asserts that.

The Go tests do not run Python; this script documents how the expected values
were produced.
"""

import itertools
import json
import math
import random
import sys

import networkx as nx


def pair_dependencies(G, groups, cross):
    """Per node, the sum over unordered pairs {s, t} (s != v != t) of the
    fraction of shortest s-t paths through v. With cross=True only pairs
    whose groups are both known and differ count. Also returns, per node,
    the number of counted pairs that do not involve it (the normaliser)."""
    nodes = list(G)
    idx = {u: i for i, u in enumerate(nodes)}
    raw = [0.0] * len(nodes)
    for s, t in itertools.combinations(nodes, 2):
        gs, gt = groups[idx[s]], groups[idx[t]]
        if cross and (gs < 0 or gt < 0 or gs == gt):
            continue
        try:
            paths = list(nx.all_shortest_paths(G, s, t))
        except nx.NetworkXNoPath:
            continue
        for p in paths:
            for v in p[1:-1]:
                raw[idx[v]] += 1.0 / len(paths)
    if not cross:
        n = len(nodes)
        denom = [(n - 1) * (n - 2) / 2] * n
    else:
        known = [g for g in groups if g >= 0]
        sizes = {}
        for g in known:
            sizes[g] = sizes.get(g, 0) + 1
        total = (len(known) ** 2 - sum(c * c for c in sizes.values())) // 2
        denom = []
        for g in groups:
            denom.append(total - (len(known) - sizes[g]) if g >= 0 else total)
    return [r / d if d > 0 else 0.0 for r, d in zip(raw, denom)]


def brokerage(G, groups):
    """Gould & Fernandez roles on undirected open two-paths a-b-c, counted
    once per unordered pair {a, c}: [coordinator, itinerant,
    gatekeeper/representative, liaison]."""
    nodes = list(G)
    idx = {u: i for i, u in enumerate(nodes)}
    out = []
    for b in nodes:
        gb = groups[idx[b]]
        counts = [0, 0, 0, 0]
        for a, c in itertools.combinations(sorted(G[b], key=idx.get), 2):
            if G.has_edge(a, c):
                continue
            ga, gc = groups[idx[a]], groups[idx[c]]
            if gb < 0 or ga < 0 or gc < 0:
                continue
            if ga == gb and gc == gb:
                counts[0] += 1
            elif ga == gc:
                counts[1] += 1
            elif ga == gb or gc == gb:
                counts[2] += 1
            else:
                counts[3] += 1
        out.append(counts)
    return out


def nan_to_none(xs):
    return [None if math.isnan(x) else x for x in xs]


def fixture(name, description, G, groups):
    G = nx.Graph(G)  # simple, undirected, drop attributes' influence
    G.remove_edges_from(nx.selfloop_edges(G))
    nodes = list(G)
    idx = {u: i for i, u in enumerate(nodes)}
    assert len(groups) == len(nodes)

    bc = nx.betweenness_centrality(G, normalized=True)
    brute = pair_dependencies(G, groups, cross=False)
    for u, b in zip(nodes, brute):
        assert abs(bc[u] - b) < 1e-12, (name, u, bc[u], b)

    con = nx.constraint(G)
    eff = nx.effective_size(G)
    data = {
        "name": name,
        "description": description,
        "networkx": nx.__version__,
        "nodes": [str(u) for u in nodes],
        "groups": groups,
        "edges": sorted(sorted((idx[u], idx[v])) for u, v in G.edges()),
        "betweenness": [bc[u] for u in nodes],
        "constraint": nan_to_none([con[u] for u in nodes]),
        "effective_size": nan_to_none([eff[u] for u in nodes]),
        "cross_group_betweenness": pair_dependencies(G, groups, cross=True),
        "brokerage": brokerage(G, groups),
    }
    # One key per line, each value on a single line: compact yet diffable.
    with open(f"{name}.json", "w") as f:
        f.write("{\n")
        for i, (k, v) in enumerate(data.items()):
            sep = "," if i < len(data) - 1 else ""
            f.write(f" {json.dumps(k)}: {json.dumps(v, allow_nan=False)}{sep}\n")
        f.write("}\n")
    print(f"{name}: n={G.number_of_nodes()} m={G.number_of_edges()}", file=sys.stderr)


def main():
    # Zachary (1977): group = the club each member joined after the split.
    G = nx.karate_club_graph()
    clubs = {"Mr. Hi": 0, "Officer": 1}
    fixture(
        "karate",
        "Zachary's karate club; group = 'club' (0 = Mr. Hi, 1 = Officer)",
        G,
        [clubs[G.nodes[u]["club"]] for u in G],
    )

    # Padgett's Florentine marriage network. NetworkX omits the Pucci family,
    # which is isolated in Padgett's data; it is added back to exercise the
    # isolated-node case. The groups are synthetic (node index mod 3, with
    # the Pazzi unknown) -- not historical factions -- to exercise three
    # groups and unknown labels.
    G = nx.florentine_families_graph()
    G.add_node("Pucci")
    groups = [-1 if u == "Pazzi" else i % 3 for i, u in enumerate(G)]
    fixture(
        "florentine",
        "Padgett's Florentine families (marriage ties) plus the isolated Pucci; "
        "synthetic groups: index mod 3, Pazzi unknown",
        G,
        groups,
    )

    # Davis et al. (1941) Southern Women: the bipartite woman-event graph,
    # group = bipartite side (0 = woman, 1 = event).
    B = nx.davis_southern_women_graph()
    fixture(
        "davis_bipartite",
        "Davis Southern Women, bipartite woman-event graph; group = bipartite side "
        "(0 = woman, 1 = event)",
        B,
        [B.nodes[u]["bipartite"] for u in B],
    )

    # Its one-mode women projection (co-attendance), the same kind of
    # co-membership network Tulkki builds. Groups: the two cliques of Davis
    # et al.'s own analysis (first nine women vs the rest, in NetworkX order).
    women = [u for u in B if B.nodes[u]["bipartite"] == 0]
    W = nx.projected_graph(B, women)
    order = {u: i for i, u in enumerate(women)}
    fixture(
        "davis_women",
        "Davis Southern Women, women co-attendance projection; group = Davis et al. "
        "clique (0 = first nine women, 1 = last nine)",
        W,
        [0 if order[u] < 9 else 1 for u in W],
    )

    # Knuth's Les Miserables co-appearance network, unweighted. Groups: the
    # greedy modularity communities (Clauset-Newman-Moore), deterministic.
    L = nx.les_miserables_graph()
    comms = nx.community.greedy_modularity_communities(L)
    comm = {u: i for i, c in enumerate(comms) for u in c}
    fixture(
        "les_miserables",
        "Les Miserables co-appearances, unweighted; group = greedy modularity community",
        L,
        [comm[u] for u in L],
    )

    # A synthetic sparse graph with several components, an isolated node, a
    # pendant path and four groups with ~10% unknown.
    R = nx.gnp_random_graph(150, 0.035, seed=7)
    R.add_edges_from([(150, 151), (151, 152), (152, 153)])
    R.add_node(154)
    rng = random.Random(7)
    fixture(
        "random_gnp",
        "G(150, 0.035, seed=7) plus a 4-node path and an isolated node; "
        "random groups 0..3 with ~10% unknown (seed 7)",
        R,
        [-1 if rng.random() < 0.1 else rng.randrange(4) for _ in R],
    )


if __name__ == "__main__":
    main()
